package tandem.ui;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * A table's column widths, order and sort, as remembered in the desktop settings. A column is known by its id, or
 * by its title when it has none, never by its place: a table whose columns change (a partner more on the Leases tab)
 * keeps the widths of the columns it still has. Columns of the same name share a width, the first one's (every
 * partner's State is as wide as the first partner's).
 *
 * @param widths each column's width by name, in the order shown (groups before their columns)
 * @param sort the sort columns by name, each with {@code true} for ascending
 */
record ColumnLayout(Map<String, Double> widths, Map<String, Boolean> sort) {
    static final ColumnLayout NONE = new ColumnLayout(Map.of(), Map.of());
    /** Narrower or wider than any sensible column: damaged, ignored. */
    private static final double MIN = 10, MAX = 4000;

    ColumnLayout {
        widths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(widths));
        sort = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sort));
    }

    /** A table whose layout is remembered under its id, whether it is in the window at the moment or not. */
    interface Remembered {
        String id();

        ColumnLayout layout();

        void restore(ColumnLayout saved);

        static Remembered of(TableView<?> table) {
            return new Remembered() {
                @Override public String id() { return table.getId(); }

                @Override public ColumnLayout layout() { return ColumnLayout.of(table); }

                @Override public void restore(ColumnLayout saved) { saved.applyTo(table); }
            };
        }
    }

    static ColumnLayout of(TableView<?> table) {
        Map<String, Double> widths = new LinkedHashMap<>();
        collect(table.getColumns(), widths);
        Map<String, Boolean> sort = new LinkedHashMap<>();
        for (TableColumn<?, ?> c : table.getSortOrder()) sort.put(name(c), c.getSortType() == TableColumn.SortType.ASCENDING);
        return new ColumnLayout(widths, sort);
    }

    private static void collect(List<? extends TableColumn<?, ?>> columns, Map<String, Double> out) {
        for (TableColumn<?, ?> c : columns) {
            out.putIfAbsent(name(c), c.getWidth()); // the first of a name (the first partner's State) speaks for all
            collect(c.getColumns(), out);
        }
    }

    /** This layout with {@code newer}'s columns and sort in its place; the columns only this one knows are kept. */
    ColumnLayout with(ColumnLayout newer) {
        if (newer.widths.isEmpty()) return this;
        Map<String, Double> w = new LinkedHashMap<>(newer.widths);
        widths.forEach(w::putIfAbsent);
        return new ColumnLayout(w, newer.sort);
    }

    /** Puts the widths, order and sort back on the columns the table has; the others keep their defaults. */
    void applyTo(TableView<?> table) {
        if (widths.isEmpty()) return;
        applyWidths(table.getColumns());
        reorder(table);
        List<TableColumn<?, ?>> byName = new ArrayList<>();
        all(table.getColumns(), byName);
        List<TableColumn<?, ?>> order = new ArrayList<>();
        sort.forEach((name, ascending) -> byName.stream().filter(c -> name.equals(name(c)) && c.isSortable())
                .findFirst().ifPresent(c -> {
                    c.setSortType(ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
                    order.add(c);
                }));
        if (!order.equals(table.getSortOrder())) setSortOrder(table, order);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setSortOrder(TableView table, List<TableColumn<?, ?>> order) {
        table.getSortOrder().setAll(order);
    }

    private void applyWidths(List<? extends TableColumn<?, ?>> columns) {
        for (TableColumn<?, ?> c : columns) {
            if (c.getColumns().isEmpty()) {
                Double w = widths.get(name(c));
                if (w != null && w >= MIN && w <= MAX) c.setPrefWidth(Math.max(w, c.getMinWidth()));
            } else {
                applyWidths(c.getColumns()); // a group is as wide as its columns
            }
        }
    }

    /** The order shown, when the table still has the same columns at the top as when it was remembered. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void reorder(TableView table) {
        List<TableColumn<?, ?>> columns = new ArrayList<>(table.getColumns());
        List<String> saved = new ArrayList<>(widths.keySet());
        List<String> names = columns.stream().map(ColumnLayout::name).toList();
        saved.retainAll(names);
        if (saved.size() != names.size() || new java.util.HashSet<>(names).size() != names.size()
                || saved.equals(names)) return;
        columns.sort(Comparator.comparingInt(c -> saved.indexOf(name(c))));
        table.getColumns().setAll(columns);
    }

    private static void all(List<? extends TableColumn<?, ?>> columns, List<TableColumn<?, ?>> out) {
        for (TableColumn<?, ?> c : columns) {
            out.add(c);
            all(c.getColumns(), out);
        }
    }

    static String name(TableColumn<?, ?> c) {
        return c.getId() != null ? c.getId() : c.getText() == null ? "" : c.getText();
    }

    // ---- as the desktop settings keep it: "name=width,…" and "name:a,name:d"

    String widthsText() {
        List<String> out = new ArrayList<>();
        widths.forEach((name, w) -> out.add(encode(name) + "=" + fmt(w)));
        return String.join(",", out);
    }

    String sortText() {
        List<String> out = new ArrayList<>();
        sort.forEach((name, ascending) -> out.add(encode(name) + ":" + (ascending ? "a" : "d")));
        return String.join(",", out);
    }

    /** What was saved; {@link #NONE} for nothing or anything damaged. */
    static ColumnLayout parse(String widthsText, String sortText) {
        if (widthsText == null || widthsText.isBlank()) return NONE;
        Map<String, Double> widths = new LinkedHashMap<>();
        for (String part : widthsText.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) return NONE;
            try {
                double w = Double.parseDouble(part.substring(eq + 1).trim());
                if (!Double.isFinite(w)) return NONE;
                widths.put(decode(part.substring(0, eq)), w);
            } catch (IllegalArgumentException e) { // a bad number or a bad escape
                return NONE;
            }
        }
        Map<String, Boolean> sort = new LinkedHashMap<>();
        if (sortText != null && !sortText.isBlank()) {
            for (String part : sortText.split(",")) {
                int colon = part.lastIndexOf(':');
                String dir = colon < 0 ? "" : part.substring(colon + 1).trim();
                if (colon <= 0 || !(dir.equals("a") || dir.equals("d"))) break;
                try {
                    sort.put(decode(part.substring(0, colon)), dir.equals("a"));
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        return new ColumnLayout(widths, sort);
    }

    private static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String decode(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d).replaceAll("\\.0$", "");
    }
}

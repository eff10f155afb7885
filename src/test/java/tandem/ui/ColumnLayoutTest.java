package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A table's remembered columns: by name, not by place, so a table whose columns change keeps what still fits. */
@ExtendWith(ApplicationExtension.class)
class ColumnLayoutTest {
    @Start
    void start(Stage stage) { }

    private static TableView<String> leases(String... partners) {
        TableView<String> t = new TableView<>();
        t.getColumns().add(TableColumns.column("Address", s -> s, 95));
        for (String p : partners) {
            TableColumn<String, String> group = new TableColumn<>(p);
            group.setId("leasePartner-" + p);
            group.getColumns().add(TableColumns.column("State", s -> s, 60));
            group.getColumns().add(TableColumns.column("Expires", s -> s, 105));
            t.getColumns().add(group);
        }
        t.getColumns().add(TableColumns.column("Agree", s -> s, 170));
        return t;
    }

    @Test
    void widthsFollowTheColumnsNamesAcrossDifferentPartners() {
        TableView<String> before = leases("a", "b");
        before.getColumns().get(0).setPrefWidth(140);
        before.getColumns().get(1).getColumns().get(0).setPrefWidth(90);
        ColumnLayout saved = ColumnLayout.parse(ColumnLayout.of(before).widthsText(), "");

        TableView<String> after = leases("c", "d", "e");
        saved.applyTo(after);
        assertEquals(140, after.getColumns().get(0).getPrefWidth(), 0.01);
        for (int i = 1; i <= 3; i++) assertEquals(90, after.getColumns().get(i).getColumns().get(0).getPrefWidth(), 0.01);
        assertEquals(105, after.getColumns().get(2).getColumns().get(1).getPrefWidth(), 0.01, "the default kept");
        assertEquals(List.of("Address", "c", "d", "e", "Agree"), after.getColumns().stream().map(TableColumn::getText).toList(),
                "other columns at the top: the order is left as it is");
    }

    @Test
    void aTableWithoutThosePartnersForgetsNothing() {
        TableView<String> partners = leases("a");
        partners.getColumns().get(1).getColumns().get(1).setPrefWidth(150);
        ColumnLayout kept = ColumnLayout.NONE.with(ColumnLayout.of(partners));
        TableView<String> none = leases();
        none.getColumns().get(0).setPrefWidth(120);
        kept = kept.with(ColumnLayout.of(none));
        TableView<String> again = leases("b");
        kept.applyTo(again);
        assertEquals(120, again.getColumns().get(0).getPrefWidth(), 0.01);
        assertEquals(150, again.getColumns().get(1).getColumns().get(1).getPrefWidth(), 0.01);
    }

    @Test
    void orderAndSortComeBackAndNamesAreEscaped() {
        TableView<String> t = leases("x,y=z:1");
        TableColumn<String, ?> agree = t.getColumns().remove(2);
        t.getColumns().add(0, agree);
        agree.setSortType(TableColumn.SortType.DESCENDING);
        t.getSortOrder().setAll(List.of(agree, t.getColumns().get(1)));
        ColumnLayout saved = ColumnLayout.of(t);
        ColumnLayout read = ColumnLayout.parse(saved.widthsText(), saved.sortText());
        assertEquals(saved, read);
        assertTrue(read.widths().containsKey("leasePartner-x,y=z:1"), read.toString());

        TableView<String> fresh = leases("x,y=z:1");
        read.applyTo(fresh);
        assertEquals(List.of("Agree", "Address", "x,y=z:1"), fresh.getColumns().stream().map(TableColumn::getText).toList());
        assertEquals(List.of("Agree", "Address"), fresh.getSortOrder().stream().map(TableColumn::getText).toList());
        assertEquals(TableColumn.SortType.DESCENDING, fresh.getSortOrder().get(0).getSortType());
    }

    @Test
    void damagedTextIsNothing() {
        assertEquals(ColumnLayout.NONE, ColumnLayout.parse("Address=wide", null));
        assertEquals(ColumnLayout.NONE, ColumnLayout.parse("120,80", null));
        assertEquals(ColumnLayout.NONE, ColumnLayout.parse("%zz=80", null));
        ColumnLayout ok = ColumnLayout.parse("Address=80", "Address:sideways");
        assertEquals(Map.of("Address", 80.0), ok.widths());
        assertTrue(ok.sort().isEmpty());
        TableView<String> t = leases();
        ColumnLayout.parse("Address=2", null).applyTo(t);
        assertEquals(95, t.getColumns().get(0).getPrefWidth(), 0.01, "too narrow: the default");
    }
}

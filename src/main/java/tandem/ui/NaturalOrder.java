package tandem.ui;

import java.util.Comparator;

/**
 * Orders text the way a person expects addresses and names to be ordered: runs of digits by their value, so
 * 10.10.2.0/24 comes before 10.10.10.0/24 and host-9 before host-10; the rest ignoring case. Allocates nothing, as
 * a sort of tens of thousands of rows calls it hundreds of thousands of times.
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    /** Numbers by value, text naturally, anything else by its text; empty cells last. */
    static final Comparator<Object> CELLS = (a, b) -> {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return INSTANCE.compare(a.toString(), b.toString());
    };

    private NaturalOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (si < a.length() && a.charAt(si) == '0') si++;
                while (sj < b.length() && b.charAt(sj) == '0') sj++;
                int ei = si;
                int ej = sj;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) ei++;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) ej++;
                // more significant digits: larger, however long the number
                if (ei - si != ej - sj) return (ei - si) - (ej - sj);
                for (int k = 0; k < ei - si; k++) {
                    int d = a.charAt(si + k) - b.charAt(sj + k);
                    if (d != 0) return d;
                }
                i = ei;
                j = ej;
                continue;
            }
            int d = Character.toLowerCase(x) - Character.toLowerCase(y);
            if (d != 0) return d;
            i++;
            j++;
        }
        return (a.length() - i) - (b.length() - j);
    }
}

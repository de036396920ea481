package tlslens.cli;

import java.util.ArrayList;
import java.util.List;

/** A minimal line diff (longest common subsequence): " line" both, "-line" expected only, "+line" actual only. */
final class LineDiff {
    private LineDiff() {}

    static List<String> diff(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(" " + a.get(i++));
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add("+" + b.get(j++));
            } else {
                out.add("-" + a.get(i++));
            }
        }
        return out;
    }
}

package io.ballast.server.score;

import java.util.List;

/**
 * One thread's working memory for evaluating draws of a {@link PanelModel}: per cell and indicator the drawn score and
 * sub-scores, and per component the drawn weight and normalised value; reused from draw to draw.
 */
final class DrawScratch {

    final double[][] score;
    final double[][] vulnerable;
    final double[][] capable;
    final boolean[] complete;
    final double[][][] weight;
    final double[][][] normalised;
    final double[] w;
    final double[] comparable;
    final long[][] common;
    final double[] sides = new double[3];

    DrawScratch(List<PanelModel.Cell> cells, int indicators, int words) {
        int n = cells.size();
        score = new double[n][indicators];
        vulnerable = new double[n][indicators];
        capable = new double[n][indicators];
        complete = new boolean[n];
        weight = new double[n][indicators][];
        normalised = new double[n][indicators][];
        w = new double[indicators];
        comparable = new double[indicators];
        common = new long[indicators][words];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < indicators; i++) {
                int components = cells.get(c).readings()[i].raw().length;
                weight[c][i] = new double[components];
                normalised[c][i] = new double[components];
            }
        }
    }
}

package io.ballast.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reader, on Commons CSV, of the long-format CSV that {@link TestContext.Builder#csv(Reader)} describes: one value
 * per line under a {@code region,series,period,value} header. It checks every line, whatever its region, and returns
 * the values of one region; a bad line fails with an {@link IllegalArgumentException} naming its source and number.
 */
final class LongCsv {

    /** The source that messages name for CSV given as text rather than as a file. */
    static final String TEXT = "CSV text";
    private static final List<String> COLUMNS = List.of("region", "series", "period", "value");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern YEAR = Pattern.compile("[+-]?\\d{1,9}");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();

    private LongCsv() {
    }

    /** The values of {@code region} in a UTF-8 file; a file that cannot be read is an {@link UncheckedIOException}. */
    static Map<String, Map<Integer, Double>> read(Path file, String region) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, String.valueOf(file.getFileName()), region);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The values of {@code region} in CSV read from {@code reader} (to its end, not closed); {@code source} names the
     * input in messages.
     */
    static Map<String, Map<Integer, Double>> read(Reader reader, String source, String region) {
        var out = new LinkedHashMap<String, Map<Integer, Double>>();
        var firstLine = new HashMap<String, Integer>();
        try {
            String text = withoutByteOrderMark(readAll(reader));
            CSVParser parser = FORMAT.parse(new StringReader(text));
            int[] newlines = java.util.stream.IntStream.range(0, text.length())
                    .filter(i -> text.charAt(i) == '\n').toArray();
            int[] columns = null;
            int width = 0;
            for (CSVRecord record : parser) {
                int number = lineOf(newlines, firstNonBlank(text, record.getCharacterPosition()));
                List<String> fields = record.toList();
                if (columns == null) {
                    columns = header(fields, source, number, String.join(",", fields));
                    width = fields.size();
                    continue;
                }
                if (fields.size() != width) {
                    throw bad(source, number, "expected " + width + " comma-separated fields as in the header, "
                            + "found " + fields.size() + " in '" + String.join(",", fields) + "'");
                }
                add(out, firstLine, region, source, number, fields.get(columns[0]), fields.get(columns[1]),
                        fields.get(columns[2]), fields.get(columns[3]));
            }
            if (columns == null) {
                throw new IllegalArgumentException(source + " is empty: expected the header "
                        + String.join(",", COLUMNS) + " and one line per value");
            }
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** One value line: checked, then kept when it belongs to {@code region} and is not a gap. */
    private static void add(Map<String, Map<Integer, Double>> out, Map<String, Integer> firstLine, String region,
                            String source, int number, String lineRegion, String series, String period,
                            String value) {
        if (lineRegion.isEmpty()) {
            throw bad(source, number, "the region is blank");
        }
        if (series.isEmpty()) {
            throw bad(source, number, "the series code is blank");
        }
        if (!YEAR.matcher(period).matches()) {
            throw bad(source, number, "period '" + period + "' is not a whole year such as 2023");
        }
        int year = Integer.parseInt(period.startsWith("+") ? period.substring(1) : period);
        Double parsed = null;
        if (!value.isEmpty()) {
            if (!NUMBER.matcher(value).matches()) {
                throw bad(source, number, "value '" + value + "' is not a number such as 2.58 or 1.2e9 "
                        + "(leave it blank for a gap)");
            }
            parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw bad(source, number, "value '" + value + "' is too large for a double");
            }
        }
        String key = lineRegion + "," + series + "," + year;
        Integer earlier = firstLine.putIfAbsent(key, number);
        if (earlier != null) {
            throw bad(source, number, "a second line for region " + lineRegion + ", series " + series
                    + ", period " + year + " (the first is line " + earlier + ")");
        }
        if (parsed != null && lineRegion.equals(region)) {
            out.computeIfAbsent(series, k -> new TreeMap<>()).put(year, parsed);
        }
    }

    /** Where a record really starts: its reported position may be that of the blank lines skipped before it. */
    private static long firstNonBlank(String text, long position) {
        int at = (int) position;
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            at++;
        }
        return at;
    }

    /** The line (counting from 1) of a character position, given the positions of the text's line breaks. */
    private static int lineOf(int[] newlines, long position) {
        int at = Arrays.binarySearch(newlines, (int) position);
        return (at >= 0 ? at : -at - 1) + 1;
    }

    /** The reader's text to its end; the reader is not closed (it is the caller's). */
    private static String readAll(Reader reader) throws IOException {
        var out = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int[] header(List<String> fields, String source, int number, String line) {
        int[] columns = new int[COLUMNS.size()];
        Arrays.fill(columns, -1);
        for (int i = 0; i < fields.size(); i++) {
            int column = COLUMNS.indexOf(fields.get(i).toLowerCase(Locale.ROOT));
            if (column >= 0) {
                if (columns[column] >= 0) {
                    throw bad(source, number, "the header names column '" + COLUMNS.get(column) + "' twice");
                }
                columns[column] = i;
            }
        }
        var absent = new ArrayList<String>();
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] < 0) {
                absent.add(COLUMNS.get(c));
            }
        }
        if (!absent.isEmpty()) {
            throw bad(source, number, "expected the header " + String.join(",", COLUMNS) + " but '" + line
                    + "' lacks " + String.join(", ", absent) + (source.equals(TEXT)
                    ? " (csv(String) takes the CSV text itself; for a file use csv(Path))" : ""));
        }
        return columns;
    }

    private static IllegalArgumentException bad(String source, int line, String problem) {
        return new IllegalArgumentException(source + " line " + line + ": " + problem);
    }
}

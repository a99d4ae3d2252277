package io.ballast.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the World Bank's bulk download format ({@code API_*_DS2_en_csv_v2*.csv}) strictly: UTF-8 (a BOM is allowed),
 * an optional preamble ({@code "Data Source","World Development Indicators"}, {@code "Last Updated Date","YYYY-MM-DD"},
 * blank lines between), then the header {@code "Country Name","Country Code","Indicator Name","Indicator Code","1960",
 * ...} (a trailing empty column is allowed), then rows whose empty cells are gaps. The first problem stops the read
 * with a message naming its line and column.
 */
final class WdiFileReader {

    private static final List<String> FIXED = List.of("Country Name", "Country Code", "Indicator Name",
            "Indicator Code");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private WdiFileReader() {
    }

    static WdiFile read(byte[] bytes) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new WdiFormatException("the file is empty");
        }
        Lines lineStarts = new Lines(text);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            CSVRecord first = nextOrFail(records, "its first line");
            Optional<String> lastUpdated = Optional.empty();
            CSVRecord header = first;
            if (first.get(0).strip().equals("Data Source")) {
                CSVRecord updated = nextOrFail(records, "the \"Last Updated Date\" line");
                if (!updated.get(0).strip().equals("Last Updated Date") || updated.size() < 2) {
                    throw new WdiFormatException("line " + line(updated, lineStarts) + ": expected \"Last Updated "
                            + "Date\",\"YYYY-MM-DD\" after the \"Data Source\" line, found \"" + updated.get(0) + "\"");
                }
                lastUpdated = Optional.of(date(updated.get(1).strip(), line(updated, lineStarts)));
                header = nextOrFail(records, "the header \"Country Name\",\"Country Code\",...");
            } else if (!first.get(0).strip().equals("Country Name")) {
                throw new WdiFormatException("line " + line(first, lineStarts) + ": a WDI bulk file starts with "
                        + "\"Data Source\" (the preamble) or \"Country Name\" (the header), not \"" + first.get(0)
                        + "\"");
            }
            int[] years = header(header, lineStarts);
            List<WdiFile.Row> rows = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            while (records.hasNext()) {
                CSVRecord r = records.next();
                WdiFile.Row row = row(r, years, line(r, lineStarts));
                if (!seen.add(row.countryCode() + '\u0000' + row.indicatorCode())) {
                    throw new WdiFormatException("line " + row.line() + ": " + row.countryCode() + " / "
                            + row.indicatorCode() + " appears a second time");
                }
                rows.add(row);
            }
            return new WdiFile(lastUpdated, rows);
        } catch (UncheckedIOException e) {
            // commons-csv reports unbalanced quotes and the like this way, with the line in its message
            throw new WdiFormatException("the file is not valid CSV: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] header(CSVRecord header, Lines lineStarts) {
        long line = line(header, lineStarts);
        for (int i = 0; i < FIXED.size(); i++) {
            if (header.size() <= i || !header.get(i).strip().equals(FIXED.get(i))) {
                throw new WdiFormatException("line " + line + ": the header must start with \"Country Name\",\"Country "
                        + "Code\",\"Indicator Name\",\"Indicator Code\"; column " + (i + 1) + " is \""
                        + (header.size() <= i ? "" : header.get(i)) + "\"");
            }
        }
        int columns = header.size();
        if (columns > FIXED.size() && header.get(columns - 1).isBlank()) {
            columns--; // the trailing comma of every WDI line
        }
        if (columns == FIXED.size()) {
            throw new WdiFormatException("line " + line + ": the header has no year columns");
        }
        int[] years = new int[columns - FIXED.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = FIXED.size(); i < columns; i++) {
            String cell = header.get(i).strip();
            if (!YEAR.matcher(cell).matches() || Integer.parseInt(cell) < 1900 || Integer.parseInt(cell) > 2100) {
                throw new WdiFormatException("line " + line + ", column " + (i + 1) + ": \"" + cell
                        + "\" is not a year from 1900 to 2100");
            }
            if (!seen.add(Integer.parseInt(cell))) {
                throw new WdiFormatException("line " + line + ", column " + (i + 1) + ": year " + cell + " appears "
                        + "twice");
            }
            years[i - FIXED.size()] = Integer.parseInt(cell);
        }
        return years;
    }

    private static WdiFile.Row row(CSVRecord r, int[] years, long line) {
        if (r.size() < FIXED.size()) {
            throw new WdiFormatException("line " + line + ": " + r.size() + " column" + (r.size() == 1 ? "" : "s")
                    + ", but a row has at least the 4 of the header before the years");
        }
        String country = r.get(1).strip();
        String indicator = r.get(3).strip();
        if (country.isEmpty() || indicator.isEmpty()) {
            throw new WdiFormatException("line " + line + ": the country code and the indicator code must not be "
                    + "empty");
        }
        for (int i = FIXED.size() + years.length; i < r.size(); i++) {
            if (!r.get(i).isBlank()) {
                throw new WdiFormatException("line " + line + ", column " + (i + 1) + ": a value beyond the last "
                        + "year column (" + years[years.length - 1] + ")");
            }
        }
        SortedMap<Integer, Double> values = new TreeMap<>();
        for (int i = 0; i < years.length && FIXED.size() + i < r.size(); i++) {
            String cell = r.get(FIXED.size() + i).strip();
            if (cell.isEmpty()) {
                continue; // a gap
            }
            double value = NUMBER.matcher(cell).matches() ? Double.parseDouble(cell) : Double.NaN;
            if (!Double.isFinite(value)) {
                throw new WdiFormatException("line " + line + " (" + country + ", " + indicator + "), column "
                        + years[i] + ": \"" + cell + "\" is not a number");
            }
            values.put(years[i], value);
        }
        return new WdiFile.Row(line, r.get(0).strip(), country, r.get(2).strip(), indicator, values);
    }

    private static String date(String cell, long line) {
        try {
            return LocalDate.parse(cell).toString();
        } catch (DateTimeParseException e) {
            throw new WdiFormatException("line " + line + ": the Last Updated Date \"" + cell + "\" is not a date "
                    + "YYYY-MM-DD");
        }
    }

    private static CSVRecord nextOrFail(Iterator<CSVRecord> records, String expected) {
        if (!records.hasNext()) {
            throw new WdiFormatException("the file ends before " + expected);
        }
        return records.next();
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WdiFormatException("the file is not UTF-8 text (" + e.getMessage() + "); WDI bulk files are "
                    + "UTF-8");
        }
    }

    private static long line(CSVRecord r, Lines lines) {
        return lines.of(r);
    }

    /** Where each line of the text starts, to name the line a record is on. */
    private static final class Lines {

        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> list = new ArrayList<>();
            list.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    list.add(i + 1);
                }
            }
            this.starts = list.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The 1-based line a record starts on (its position may point at the blank lines skipped before it). */
        long of(CSVRecord r) {
            int pos = (int) r.getCharacterPosition();
            while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
                pos++;
            }
            int at = Arrays.binarySearch(starts, pos);
            return (at >= 0 ? at : -at - 2) + 1;
        }
    }
}

package io.ballast.server.connector;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a date range (both ends included) for a source that serves only so many results per query: by calendar
 * year when it spans years, by month when it spans months, else into two halves. A single day cannot be split.
 */
final class Partitions {

    private Partitions() {
    }

    static List<LocalDate[]> of(LocalDate from, LocalDate to) {
        List<LocalDate[]> out = new ArrayList<>();
        if (from.getYear() != to.getYear()) {
            for (LocalDate start = from; !start.isAfter(to); start = start.plusYears(1).withDayOfYear(1)) {
                LocalDate end = start.with(TemporalAdjusters.lastDayOfYear());
                out.add(new LocalDate[] {start, end.isAfter(to) ? to : end});
            }
        } else if (from.getMonth() != to.getMonth()) {
            for (LocalDate start = from; !start.isAfter(to); start = start.plusMonths(1).withDayOfMonth(1)) {
                LocalDate end = start.with(TemporalAdjusters.lastDayOfMonth());
                out.add(new LocalDate[] {start, end.isAfter(to) ? to : end});
            }
        } else if (from.isBefore(to)) {
            LocalDate middle = from.plusDays(ChronoUnit.DAYS.between(from, to) / 2);
            out.add(new LocalDate[] {from, middle});
            out.add(new LocalDate[] {middle.plusDays(1), to});
        } else {
            out.add(new LocalDate[] {from, to});
        }
        return out;
    }
}

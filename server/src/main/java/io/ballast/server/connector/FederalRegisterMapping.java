package io.ballast.server.connector;

import io.ballast.server.store.ControlEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one Federal Register document of the Bureau of Industry and Security into export-control events, from its
 * title and abstract, and from its full text when those do not name the economies or the number of entities. Pure:
 * the words it looks for are documented in docs/data-sources.md, with what they cannot tell. Whatever it had to guess
 * is marked {@code needsReview}, with the reason in the note.
 */
final class FederalRegisterMapping {

    /** The origin of the events this mapping makes. */
    static final String ORIGIN = "federalregister";

    /** What became of a document. */
    enum Outcome {
        /** Events to store. */
        EVENTS,
        /** Not a rule that adds, revises or removes export controls (a notice, a penalty adjustment, ...). */
        NOT_EXPORT_CONTROL,
        /** A correction of an earlier rule: no new action. */
        CORRECTION,
        /** The title and abstract do not say enough: read the full text and map again. */
        NEEDS_FULL_TEXT
    }

    /** The mapping of one document: its outcome, the events (for {@link Outcome#EVENTS}) and why. */
    record Mapped(Outcome outcome, List<ControlEvent> events, String reason) {
        Mapped {
            events = List.copyOf(events);
        }

        static Mapped none(Outcome outcome, String reason) {
            return new Mapped(outcome, List.of(), reason);
        }
    }

    private static final Pattern CONTROLS = Pattern.compile("(?i)entity list|export administration regulations"
            + "|\\bEAR\\b|export control|commerce control list|unverified list|military end[- ]user"
            + "|foreign direct product|license requirement|licensing polic|denial of export privileges");
    private static final Pattern UNRELATED = Pattern.compile("(?i)civil monetary penalt|inflation adjustment"
            + "|freedom of information|privacy act|paperwork reduction|organization and functions");
    private static final Pattern CORRECTION = Pattern.compile("(?i)\\bcorrect(ion|ing)\\b");
    private static final Pattern LISTING = Pattern.compile("(?i)entity list|unverified list|military end[- ]user "
            + "(\\(MEU\\) )?list|denied persons|denial of export privileges");
    private static final Pattern ADDS = Pattern.compile("(?i)\\badd(s|ing|ed|itions?)?\\b");
    private static final Pattern REMOVES = Pattern.compile("(?i)\\bremov(e|es|ing|al|als)\\b");
    private static final Pattern SUSPENDS = Pattern.compile("(?i)\\bsuspen(d|ds|ding|sion)\\b");
    private static final Pattern RELAXES = Pattern.compile("(?i)\\brescind|\\brescission|\\blift(s|ing)?\\b|\\beas(e|es|ing)\\b");
    private static final Pattern ITEMS = Pattern.compile("(?i)\\bitems?\\b|semiconductor|computing|\\bECCNs?\\b"
            + "|commerce control list|technolog|foreign direct product");
    private static final Pattern EVERYWHERE = Pattern.compile("(?i)all destinations|worldwide|any destination"
            + "|all countries");
    private static final String NUMBER = "(\\d{1,5}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)";
    private static final Pattern TOTAL = Pattern.compile("(?i)" + NUMBER + "\\s+(?:[\\w-]+\\s+){0,2}?"
            + "(?:entities|entity|persons|entries)\\b");
    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("forty", 40), Map.entry("fifty", 50));

    private final List<String> everyone;

    /** {@code everyone}: the economies a rule for all destinations counts against (the configured regions). */
    FederalRegisterMapping(List<String> everyone) {
        this.everyone = List.copyOf(everyone);
    }

    /**
     * Maps a document, with its full text when it was read. {@code last}: no full text will come, so map what the
     * title and abstract say and mark the gaps for review instead of asking for it.
     */
    Mapped map(FederalRegisterDocument doc, Optional<String> fullText, boolean last, Instant at) {
        if (!doc.type().equalsIgnoreCase("Rule")) {
            return Mapped.none(Outcome.NOT_EXPORT_CONTROL, "a " + (doc.type().isEmpty() ? "document" : doc.type())
                    + ", not a rule");
        }
        String summary = doc.title() + ". " + doc.abstractText().orElse("");
        if (CORRECTION.matcher(doc.title()).find()) {
            return Mapped.none(Outcome.CORRECTION, "a correction of an earlier rule");
        }
        if (UNRELATED.matcher(doc.title()).find() || !CONTROLS.matcher(summary).find()) {
            return Mapped.none(Outcome.NOT_EXPORT_CONTROL, "adds, revises or removes no export control");
        }
        fullText = fullText.filter(t -> !t.isBlank());
        String text = fullText.map(t -> summary + "\n" + t).orElse(summary);
        List<String> review = new ArrayList<>();
        String direction = direction(doc.title(), summary, review);
        List<String> targets = new ArrayList<>(Countries.in(text));
        targets.remove("USA");
        boolean listing = LISTING.matcher(summary).find();
        if (listing) {
            return listing(doc, fullText, last, text, targets, direction, review, at);
        }
        String type = ITEMS.matcher(summary).find() || targets.isEmpty() ? "product-control" : "country-rule";
        String scope = "targeted";
        if (targets.isEmpty() || EVERYWHERE.matcher(summary).find()) {
            scope = "all-destinations";
            targets = new ArrayList<>(everyone);
            targets.remove("USA");
            review.add("a rule for all destinations, counted against every configured economy");
        }
        review.add(type.equals("country-rule") ? "a country-wide rule read from its wording: check its reach"
                : "a rule on items read from its wording: check its reach");
        return events(doc, List.of(event(doc, targets, type, direction, scope, null, review, fullText.isPresent(),
                at, "")));
    }

    private Mapped listing(FederalRegisterDocument doc, Optional<String> fullText, boolean last, String text,
                           List<String> targets, String direction, List<String> review, Instant at) {
        Map<String, Integer> perTarget = new LinkedHashMap<>();
        for (String target : targets) {
            count(text, target).ifPresent(n -> perTarget.put(target, n));
        }
        Optional<Integer> total = total(text);
        boolean complete = !targets.isEmpty() && (targets.size() == 1 ? perTarget.containsKey(targets.get(0))
                || total.isPresent() : perTarget.size() == targets.size());
        if (!complete && fullText.isEmpty() && !last) {
            return Mapped.none(Outcome.NEEDS_FULL_TEXT, targets.isEmpty() ? "the abstract names no economy"
                    : "the abstract gives no number of entities per economy");
        }
        boolean read = fullText.isPresent();
        if (!complete && !read) {
            review.add("its full text was not read");
        }
        if (targets.isEmpty()) {
            review.add("no economy named: the event counts against none until one is set");
            return events(doc, List.of(event(doc, List.of(), "entity-listing", direction, "targeted",
                    total.orElse(null), review, read, at, "")));
        }
        if (targets.size() > 1 && perTarget.size() == targets.size()) {
            List<ControlEvent> out = new ArrayList<>();
            for (String target : targets) {
                out.add(event(doc, List.of(target), "entity-listing", direction, "targeted", perTarget.get(target),
                        review, read, at, "-" + target.toLowerCase(Locale.ROOT)));
            }
            return events(doc, out);
        }
        Integer entities = targets.size() == 1 ? perTarget.getOrDefault(targets.get(0), total.orElse(null))
                : total.orElse(null);
        if (entities == null) {
            review.add("no number of entities found");
        } else if (targets.size() > 1) {
            review.add("the " + entities + " entities are the rule's total, counted against each of "
                    + String.join(", ", targets));
        }
        return events(doc, List.of(event(doc, targets, "entity-listing", direction, "targeted", entities, review,
                read, at, "")));
    }

    private static Mapped events(FederalRegisterDocument doc, List<ControlEvent> events) {
        return new Mapped(Outcome.EVENTS, events, events.size() + " event" + (events.size() == 1 ? "" : "s")
                + " from " + doc.documentNumber());
    }

    private static String direction(String title, String summary, List<String> review) {
        boolean adds = ADDS.matcher(title).find();
        boolean removes = REMOVES.matcher(title).find();
        if (SUSPENDS.matcher(title).find()) {
            return "suspend";
        }
        if (removes && !adds || !adds && RELAXES.matcher(title).find()) {
            return "relax";
        }
        if (!adds && !removes) {
            review.add("its title neither adds nor removes: counted as a tightening");
        } else if (adds && removes) {
            review.add("it both adds and removes: counted as a tightening by what it adds");
        } else if (!adds && REMOVES.matcher(summary).find()) {
            review.add("its abstract also speaks of removals");
        }
        return "tighten";
    }

    /** The entities a text says are listed under one economy: "12 entities under China", "China (12)". */
    private static Optional<Integer> count(String text, String code) {
        for (String name : Countries.namesOf(code)) {
            String quoted = Pattern.quote(name);
            Matcher before = Pattern.compile("(?i)" + NUMBER + "\\s+(?:[\\w-]+\\s+){0,2}?(?:entities|entity|persons"
                    + "|entries)\\s+(?:[\\w-]+\\s+){0,2}?(?:under|in|from|located in|based in)\\s+(?:the\\s+)?"
                    + quoted + "\\b").matcher(text);
            if (before.find()) {
                return Optional.of(number(before.group(1)));
            }
            Matcher after = Pattern.compile("\\b" + quoted + "\\s*\\((\\d{1,5})\\)").matcher(text);
            if (after.find()) {
                return Optional.of(Integer.parseInt(after.group(1)));
            }
        }
        return Optional.empty();
    }

    /** The first "N entities" of a text. */
    private static Optional<Integer> total(String text) {
        Matcher m = TOTAL.matcher(text);
        return m.find() ? Optional.of(number(m.group(1))) : Optional.empty();
    }

    private static int number(String word) {
        Integer n = WORDS.get(word.toLowerCase(Locale.ROOT));
        return n != null ? n : Integer.parseInt(word);
    }

    private static ControlEvent event(FederalRegisterDocument doc, List<String> targets, String type,
                                      String direction, String scope, Integer entities, List<String> review,
                                      boolean fullText, Instant at, String suffix) {
        LocalDate date = doc.effectiveOn().orElse(doc.publicationDate());
        StringBuilder note = new StringBuilder("Federal Register document ").append(doc.documentNumber())
                .append(doc.citation().map(c -> " (" + c + ")").orElse("")).append(", published ")
                .append(doc.publicationDate()).append(doc.effectiveOn().map(d -> ", effective " + d).orElse(""))
                .append(". Mapped by the connector from its title, abstract").append(fullText ? " and full text" : "")
                .append(".");
        if (!review.isEmpty()) {
            note.append(" Needs review: ").append(String.join("; ", review)).append(".");
        }
        String title = doc.title().length() > 950 ? doc.title().substring(0, 950) : doc.title();
        return new ControlEvent("fr-" + doc.documentNumber() + suffix, date, "USA", targets, type, direction, scope,
                entities, title + " (FR doc " + doc.documentNumber() + ")", doc.htmlUrl(), note.toString(), ORIGIN,
                !review.isEmpty(), at);
    }
}

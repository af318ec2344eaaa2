package io.dbferry.core.encoding;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.CharacterSet;
import io.dbferry.core.dialect.CharacterSetNames;
import io.dbferry.core.dialect.TextLimit;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpFiles;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.encoding.EncodingValidator.Targets;
import io.dbferry.core.encoding.ValueInspector.Destination;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.IntStream;

/**
 * Writes a corrected copy of a dump: read it table by table, apply the chosen strategies to each text
 * value of the chosen tables, write the row (the writer recomputes each table's checksum), and list
 * every changed value (table, key, column, before, after) in OUT.changes.json. The input is never changed.
 */
public final class EncodingFixer {

    private static final int FIRST_CHANGES = 20;

    public FixResult fix(FixOptions options) {
        Instant started = Instant.now();
        Path input = options.input().toAbsolutePath();
        Path output = options.output().toAbsolutePath();
        // 1. check the request
        refuse(options, input, output);
        Targets targets = new Targets(options.target());
        CharacterSet charset = options.charset() == null ? null : namedCharset(options.charset());
        String replacement = options.replacement() == null ? FixOptions.DEFAULT_REPLACEMENT : options.replacement();
        Path changesFile = output.resolveSibling(output.getFileName() + ".changes.json");
        String name = output.getFileName().toString();
        Path partial = output.resolveSibling("." + name + ".partial" + (name.endsWith(".gz") ? ".gz" : ""));
        Map<String, Long> counts = new LinkedHashMap<>();
        List<FixResult.Change> first = new ArrayList<>();
        long changed = 0;
        // 2. copy the file table by table, fixing the chosen tables' text values
        try (DumpReader reader = DumpReader.open(input);
             JsonGenerator changes = new JsonFactory().createGenerator(Files.newOutputStream(changesFile), JsonEncoding.UTF8)) {
            changes.useDefaultPrettyPrinter();
            changes.writeStartArray();
            java.util.function.Predicate<String> chosen = TableNames.filter(options.tables());
            try (DumpWriter writer = DumpWriter.create(partial, reader.header())) {
                DumpTable table;
                while ((table = reader.nextTable()) != null) {
                    boolean fixThis = chosen.test(table.name());
                    Destination[] destinations = fixThis ? destinations(table, targets, charset) : null;
                    List<DumpColumn> dumpColumns = table.columns();
                    int[] keys = IntStream.range(0, dumpColumns.size()).filter(i -> dumpColumns.get(i).primaryKey()).toArray();
                    writer.beginTable(table.name(), table.columns());
                    Object[] row;
                    while ((row = reader.nextRow()) != null) {
                        if (fixThis) {
                            String key = null;
                            for (int i = 0; i < row.length; i++) {
                                if (destinations[i] == null || !(row[i] instanceof String before)) {
                                    continue;
                                }
                                StringJoiner applied = new StringJoiner(",");
                                String after = apply(before, options.strategies(), destinations[i], replacement, applied);
                                if (!after.equals(before)) {
                                    if (key == null) {
                                        key = EncodingValidator.key(dumpColumns, keys, row, reader.rowNumber());
                                    }
                                    row[i] = after;
                                    changed++;
                                    String column = dumpColumns.get(i).name();
                                    for (String s : applied.toString().split(",")) {
                                        counts.merge(table.name() + "\u0000" + column + "\u0000" + s, 1L, Long::sum);
                                    }
                                    writeChange(changes, table.name(), key, column, applied.toString(), before, after);
                                    if (first.size() < FIRST_CHANGES) {
                                        first.add(new FixResult.Change(table.name(), key, column, applied.toString(), before, after));
                                    }
                                }
                            }
                        }
                        writer.writeRow(row);
                    }
                    writer.endTable();
                }
            }
            changes.writeEndArray();
        } catch (DumpFormatException e) {
            deleteQuietly(partial);
            throw new DbferryException(Kind.DUMP_DAMAGED, e.where(),
                    e.getMessage(), "fix-encoding cannot repair a file that cannot be read; export it again.", e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new DbferryException(Kind.FILE, "Cannot write " + output + ": " + e.getMessage(),
                    "Check the free space and permissions where the file is written.", e);
        }
        // 3. the corrected file appears under its name only when complete
        try {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot rename " + partial + " to " + output + ": " + e.getMessage(), null, e);
        }
        List<FixResult.ColumnChanges> columns = new ArrayList<>();
        counts.forEach((k, n) -> {
            String[] parts = k.split("\u0000");
            columns.add(new FixResult.ColumnChanges(parts[0], parts[1], parts[2], n));
        });
        return new FixResult(output, changesFile, changed, columns, first, Duration.between(started, Instant.now()));
    }

    private static void refuse(FixOptions options, Path input, Path output) {
        DumpFiles.requireRegularFile(input);
        if (input.equals(output)) {
            throw new DbferryException(Kind.USAGE,
                    "-o names the input file; fix-encoding never changes its input.", "Give another file name with -o.");
        }
        Set<FixStrategy> s = options.strategies();
        boolean needsCharset = s.contains(FixStrategy.TRANSLITERATE) || s.contains(FixStrategy.TRUNCATE);
        if (needsCharset && options.target() == null && options.charset() == null) {
            throw new DbferryException(Kind.USAGE, "The strategies transliterate and truncate need to know the target's columns.",
                    "Connect the target first (connect target URL), or give --charset for transliterate.");
        }
        if (s.contains(FixStrategy.TRUNCATE) && options.target() == null) {
            throw new DbferryException(Kind.USAGE, "truncate needs the target's column lengths.", "Connect the target first (connect target URL).");
        }
    }

    /** Per column of the file, what its values must fit (null: not a text column). */
    private static Destination[] destinations(DumpTable table, Targets targets, CharacterSet charset) {
        Table target = targets.table(table.name());
        Destination[] destinations = new Destination[table.columns().size()];
        for (int i = 0; i < destinations.length; i++) {
            DumpColumn column = table.columns().get(i);
            if (column.type() != PortableType.TEXT && column.type() != PortableType.JSON) {
                continue;
            }
            Column targetColumn = target == null ? null : target.column(column.name()).orElse(null);
            Destination d = targets.destination(targetColumn);
            if (charset != null) {
                d = new Destination(charset, d.limit(), d.acceptsNul(), false);
            }
            destinations[i] = d;
        }
        return destinations;
    }

    /** The value after the strategies, in their fixed order; {@code applied} collects those that changed it. */
    static String apply(String value, Set<FixStrategy> strategies, Destination destination, String replacement, StringJoiner applied) {
        String v = value;
        if (strategies.contains(FixStrategy.REPAIR_MOJIBAKE)) {
            String repaired = Mojibake.repair(v);
            if (repaired != null) {
                v = repaired;
                applied.add(FixStrategy.REPAIR_MOJIBAKE.option());
            }
        }
        if (strategies.contains(FixStrategy.STRIP_NUL) && v.indexOf('\0') >= 0) {
            v = v.replace("\0", "");
            applied.add(FixStrategy.STRIP_NUL.option());
        }
        boolean transliterate = strategies.contains(FixStrategy.TRANSLITERATE);
        if (transliterate || strategies.contains(FixStrategy.REPLACE)) {
            String fitted = fit(v, destination.characterSet(), transliterate, replacement);
            if (!fitted.equals(v)) {
                v = fitted;
                applied.add(transliterate ? FixStrategy.TRANSLITERATE.option() : FixStrategy.REPLACE.option());
            }
        }
        if (strategies.contains(FixStrategy.TRUNCATE) && !destination.limit().isNone()) {
            String cut = truncate(v, destination.limit(), destination.characterSet());
            if (!cut.equals(v)) {
                v = cut;
                applied.add(FixStrategy.TRUNCATE.option());
            }
        }
        return v;
    }

    private static String fit(String v, CharacterSet charset, boolean transliterate, String replacement) {
        StringBuilder out = null;
        for (int i = 0; i < v.length(); ) {
            char c = v.charAt(i);
            int cp = v.codePointAt(i);
            int width = Character.charCount(cp);
            boolean lone = Character.isSurrogate(c) && width == 1;
            String instead = null;
            if (lone) {
                instead = replacement;
            } else if (cp >= 0x80 && !charset.canHold(cp)) {
                instead = transliterate ? Transliteration.of(cp, charset) : null;
                if (instead == null) {
                    instead = replacement;
                }
            }
            if (instead != null && out == null) {
                out = new StringBuilder(v.length()).append(v, 0, i);
            }
            if (out != null) {
                if (instead != null) {
                    out.append(instead);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += width;
        }
        return out == null ? v : out.toString();
    }

    private static String truncate(String v, TextLimit limit, CharacterSet charset) {
        if (limit.maxChars() > 0) {
            if (v.codePointCount(0, v.length()) <= limit.maxChars()) {
                return v;
            }
            return v.substring(0, v.offsetByCodePoints(0, (int) limit.maxChars()));
        }
        if (charset.byteLength(v) <= limit.maxBytes()) {
            return v;
        }
        long bytes = 0;
        int end = 0;
        while (end < v.length()) {
            int cp = v.codePointAt(end);
            String one = new String(Character.toChars(cp));
            long width = charset.byteLength(one);
            if (bytes + width > limit.maxBytes()) {
                break;
            }
            bytes += width;
            end += Character.charCount(cp);
        }
        return v.substring(0, end);
    }

    /** A character set named on the command line: a MySQL name (latin1, utf8mb3, ascii) or a Java charset name. */
    static CharacterSet namedCharset(String name) {
        CharacterSet named = CharacterSetNames.operatorNamed(name);
        if (!named.isKnown()) {
            throw new DbferryException(Kind.USAGE, "Unknown character set '" + name + "'.", "Use a MySQL name such as latin1 or utf8mb3, or a Java charset name.");
        }
        return named;
    }

    private static void writeChange(JsonGenerator json, String table, String key, String column, String strategies,
                                    String before, String after) throws IOException {
        json.writeStartObject();
        json.writeStringField("table", table);
        json.writeStringField("key", key);
        json.writeStringField("column", column);
        json.writeStringField("strategies", strategies);
        json.writeStringField("before", printable(before));
        json.writeStringField("after", after);
        json.writeEndObject();
    }

    /** Lone surrogates cannot be written as UTF-8; show them as U+D800 text. */
    private static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (lone && out == null) {
                out = new StringBuilder(s.substring(0, i));
            }
            if (out != null) {
                out.append(lone ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the partial file is hidden and replaced by the next run
        }
    }
}

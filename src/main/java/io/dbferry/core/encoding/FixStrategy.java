package io.dbferry.core.encoding;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** How fix-encoding changes a value; applied in this order. */
public enum FixStrategy {
    /** Undo double encoding: "cafÃ©" becomes "café". */
    REPAIR_MOJIBAKE("repair-mojibake"),
    /** Remove U+0000. */
    STRIP_NUL("strip-nul"),
    /** Characters the target cannot hold become their nearest equivalent ("Łódź" → "Lodz"); the rest the replacement. */
    TRANSLITERATE("transliterate"),
    /** Characters the target cannot hold, and unpaired surrogates, become the replacement character. */
    REPLACE("replace"),
    /** Cut values to the target column's length; only when asked. */
    TRUNCATE("truncate");

    private final String option;

    FixStrategy(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    /** Parses {@code repair-mojibake,strip-nul}. */
    public static Set<FixStrategy> parse(String list) {
        Set<FixStrategy> strategies = EnumSet.noneOf(FixStrategy.class);
        for (String item : list == null ? new String[0] : list.split(",")) {
            String name = item.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            FixStrategy found = null;
            for (FixStrategy s : values()) {
                if (s.option.equals(name)) {
                    found = s;
                }
            }
            if (found == null) {
                throw new DbferryException(Kind.USAGE, "Unknown strategy '" + item.trim() + "'.",
                        "Use one or more of repair-mojibake, strip-nul, transliterate, replace, truncate, separated by commas.");
            }
            strategies.add(found);
        }
        if (strategies.isEmpty()) {
            throw new DbferryException(Kind.USAGE, "No strategy given.", "Add --strategy, for example --strategy repair-mojibake,strip-nul.");
        }
        return strategies;
    }
}

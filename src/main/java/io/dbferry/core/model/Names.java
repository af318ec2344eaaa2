package io.dbferry.core.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * How a name given by one database finds its counterpart in another: exactly, so {@code Foo} and
 * {@code foo} (or columns {@code Val} and {@code val}) stay two things; and, where no name is exactly
 * equal, the one name that differs only in case, since engines fold unquoted names differently
 * (PostgreSQL to lower case, MariaDB with lower_case_table_names=1 too). Two such names match neither.
 */
public final class Names {

    /** Alphabetical ignoring case, then exact, so names differing only in case keep a stable order and stay apart. */
    public static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private Names() {
    }

    public static Optional<String> find(String wanted, Collection<String> names) {
        if (wanted == null) {
            return Optional.empty();
        }
        if (names.contains(wanted)) {
            return Optional.of(wanted);
        }
        String folded = null;
        for (String name : names) {
            if (name.equalsIgnoreCase(wanted)) {
                if (folded != null) {
                    return Optional.empty(); // Foo and FOO for foo: neither is the one
                }
                folded = name;
            }
        }
        return Optional.ofNullable(folded);
    }
}

package io.dbferry.core.demo;

import java.util.List;

import static io.dbferry.core.demo.DemoGenerator.EPOCH;
import static io.dbferry.core.demo.DemoGenerator.USERS;

/** auth_user: the demo's six users, names in several scripts. */
final class DemoUsers {

    private static final String[][] USER_ROWS = {
            {"admin", "Ada", "Admin", "admin@example.com"},
            {"łucja", "Łucja", "Wiśniewska", "lucja@example.pl"},
            {"søren", "Søren", "Ørsted", "soren@example.dk"},
            {"hiroshi", "博", "山田", "hiroshi@example.jp"},
            {"zoë", "Zoë", "Müller-Lüdenscheidt", null},
            {"engineer", "Kim", "Nguyễn 🔧", "kim@example.com"},
    };

    private DemoUsers() {
    }

    static long users(BatchInserter.Factory tables) {
        try (BatchInserter in = tables.open("auth_user", List.of("id", "username", "first_name", "last_name", "email",
                "is_staff", "is_superuser", "is_active", "date_joined", "last_login"), USERS)) {
            for (int i = 0; i < USERS; i++) {
                String[] u = USER_ROWS[i];
                in.add((long) i + 1, u[0], u[1], u[2], u[3], i < 3, i == 0, i != 4, EPOCH.plusDays(i * 17L),
                        i == 4 ? null : EPOCH.plusDays(1000 + i).plusSeconds(i * 3_607L));
            }
            return in.finish();
        }
    }
}

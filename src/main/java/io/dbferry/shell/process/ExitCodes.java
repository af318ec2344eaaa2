package io.dbferry.shell.process;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The process exit code: 0 success, 1 a command failed, 2 usage error. Set by the runner, read by Spring Boot.
 * It lives beside {@link LaunchOptions}, beneath the runner, so what reads them needs no part of the runner.
 */
@Component
public class ExitCodes implements ExitCodeGenerator {

    public static final int SUCCESS = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private int code = SUCCESS;

    public void set(int exitCode) {
        this.code = exitCode;
    }

    @Override
    public int getExitCode() {
        return code;
    }
}

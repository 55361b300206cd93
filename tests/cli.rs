//! The `saturn` command line behaves as the stand-alone `lua5.4`: options,
//! `arg`, `LUA_INIT`, the REPL on piped input, exit statuses and the error
//! report on stderr. Expected texts are those `lua5.4` prints, with the
//! program name `saturn`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn saturn() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_saturn"));
    command.env_remove("LUA_INIT").env_remove("LUA_INIT_5_4");
    command
}

/// Runs `command` with `stdin` as its standard input.
fn run(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("saturn starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error, with the binary's path (`lua.c` reports `argv[0]`) shown
/// as `saturn`.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).replace(env!("CARGO_BIN_EXE_saturn"), "saturn")
}

fn script(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("saturn-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn execute_options_run_in_order_before_the_script() {
    let path = script("order.lua", "print('script', x, ...)\n");
    let mut command = saturn();
    command
        .args(["-e", "x = 1", "-e", "x = x + 1"])
        .arg(&path)
        .args(["a", "b"]);
    let output = run(command, "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "script\t2\ta\tb\n");
}

#[test]
fn arg_table_has_negative_indices_for_the_interpreter_and_options() {
    let path = script(
        "args.lua",
        "print(#arg, arg[1], arg[2], arg[-1], arg[-2])\nprint(arg[0] == ...)\n",
    );
    let mut command = saturn();
    command.args(["-e", "y=1"]).arg(&path).args(["one", "two"]);
    let output = run(command, "");
    let lines = stdout(&output);
    assert_eq!(lines.lines().next(), Some("2\tone\ttwo\ty=1\t-e"));
    let mut command = saturn();
    command.args(["-e", "print(arg[0] ~= nil, #arg, arg[1], arg[2])"]);
    assert_eq!(
        stdout(&run(command, "")),
        "true\t2\t-e\tprint(arg[0] ~= nil, #arg, arg[1], arg[2])\n"
    );
}

#[test]
fn uncaught_errors_exit_with_status_one_and_a_traceback() {
    let mut command = saturn();
    command.args(["-e", "local t = nil; print(t.x)"]);
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "saturn: (command line):1: attempt to index a nil value (local 't')\n\
         stack traceback:\n\
         \t(command line):1: in main chunk\n\
         \t[C]: in ?\n"
    );
    let mut command = saturn();
    command.args(["-e", "error('boom')"]);
    let report = stderr(&run(command, ""));
    assert!(
        report.starts_with(
            "saturn: (command line):1: boom\nstack traceback:\n\t[C]: in function 'error'\n"
        ),
        "{report}"
    );
}

#[test]
fn tracebacks_name_metamethods_by_their_event() {
    let mut command = saturn();
    command.args([
        "-e",
        "local t = setmetatable({}, {__band = function() error('x') end}) local _ = t & 1",
    ]);
    let report = stderr(&run(command, ""));
    assert!(
        report.contains("\n\t(command line):1: in metamethod 'band'\n"),
        "{report}"
    );
}

#[test]
fn non_string_errors_and_syntax_errors_are_reported_like_lua_c() {
    let mut command = saturn();
    command.args(["-e", "error({})"]);
    let report = stderr(&run(command, ""));
    assert!(
        report.starts_with("saturn: (error object is a table value)\n"),
        "{report}"
    );
    let mut command = saturn();
    command.args(["-e", "x = "]);
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "saturn: (command line):1: unexpected symbol near <eof>\n"
    );
}

#[test]
fn error_objects_with_tostring_are_reported_through_it_without_a_traceback() {
    let mut command = saturn();
    command.args([
        "-e",
        "error(setmetatable({}, {__tostring = function() return 'TS' end}))",
    ]);
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "saturn: TS\n");
    let mut command = saturn();
    command.args(["-e", "error(nil)"]);
    let report = stderr(&run(command, ""));
    assert!(
        report.starts_with("saturn: (error object is a nil value)\nstack traceback:\n"),
        "{report}"
    );
}

#[test]
fn an_error_objects_tostring_runs_where_the_error_was_raised() {
    // As `lua.c`'s message handler (official `main.lua`): the stack is
    // still there, four levels up is the main chunk, on line 3.
    let path = script(
        "tostring_at_error.lua",
        "local m = setmetatable({}, {__tostring = function()\n\
           return tostring(debug.getinfo(4).currentline) end})\n\
         error(m)\n",
    );
    let mut command = saturn();
    command.arg(&path);
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "saturn: 3\n");
}

#[test]
fn a_traceback_ends_with_one_host_line() {
    let mut command = saturn();
    command.args(["-e", "print(debug.traceback('t'))", "-e", "error('x')"]);
    let output = run(command, "");
    assert_eq!(
        stdout(&output),
        "t\nstack traceback:\n\t(command line):1: in main chunk\n\t[C]: in ?\n"
    );
    assert_eq!(
        stderr(&output),
        "saturn: (command line):1: x\nstack traceback:\n\t[C]: in function 'error'\n\t\
         (command line):1: in main chunk\n\t[C]: in ?\n"
    );
}

#[test]
fn missing_scripts_are_reported() {
    let mut command = saturn();
    command.arg("no-such-file.lua");
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "saturn: cannot open no-such-file.lua: No such file or directory\n"
    );
}

#[test]
fn scripts_come_from_stdin_with_a_dash_or_when_nothing_else_is_asked() {
    let mut command = saturn();
    command.args(["-", "x"]);
    assert_eq!(stdout(&run(command, "print('stdin', ...)")), "stdin\tx\n");
    let output = run(saturn(), "print(1 + 1)");
    assert_eq!(stdout(&output), "2\n");
}

#[test]
fn first_line_comments_are_skipped_and_line_numbers_kept() {
    let path = script("shebang.lua", "#!/usr/bin/env saturn\nerror('here')\n");
    let mut command = saturn();
    command.arg(&path);
    let report = stderr(&run(command, ""));
    assert!(report.contains("shebang.lua:2: here"), "{report}");
}

#[test]
fn lua_init_runs_first_and_the_versioned_name_wins() {
    let mut command = saturn();
    command
        .env("LUA_INIT", "x = 'plain'")
        .args(["-e", "print(x)"]);
    assert_eq!(stdout(&run(command, "")), "plain\n");
    let mut command = saturn();
    command
        .env("LUA_INIT", "x = 'plain'")
        .env("LUA_INIT_5_4", "x = 'versioned'")
        .args(["-e", "print(x)"]);
    assert_eq!(stdout(&run(command, "")), "versioned\n");
    let path = script("init.lua", "x = 'from file'\n");
    let mut command = saturn();
    command
        .env("LUA_INIT", format!("@{}", path.display()))
        .args(["-e", "print(x)"]);
    assert_eq!(stdout(&run(command, "")), "from file\n");
    let mut command = saturn();
    command
        .env("LUA_INIT", "x = 'plain'")
        .args(["-E", "-e", "print(x)"]);
    assert_eq!(stdout(&run(command, "")), "nil\n");
    let mut command = saturn();
    command
        .env("LUA_INIT", "error('bad init')")
        .args(["-e", "print('not reached')"]);
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("saturn: LUA_INIT:1: bad init\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn version_banner_ends_like_puc_lua() {
    let mut command = saturn();
    command.args(["-v", "-e", "print('hello')"]);
    let text = stdout(&run(command, ""));
    assert!(text.contains("PUC-Rio\nhello\n"), "{text}");
}

#[test]
fn bad_options_print_the_usage() {
    let mut command = saturn();
    command.arg("-x");
    let output = run(command, "");
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.starts_with(
            "saturn: unrecognized option '-x'\nusage: saturn [options] [script [args]]\n"
        ),
        "{text}"
    );
    let mut command = saturn();
    command.arg("-e");
    assert!(stderr(&run(command, "")).starts_with("saturn: '-e' needs argument\n"));
}

#[test]
fn warnings_go_to_stderr_once_turned_on() {
    let mut command = saturn();
    command.args(["-e", "warn('hidden')", "-W", "-e", "warn('shown', ' here')"]);
    let output = run(command, "");
    assert!(output.status.success());
    assert_eq!(stderr(&output), "Lua warning: shown here\n");
}

#[test]
fn a_prompt_is_converted_with_its_tostring_metamethod() {
    let mut command = saturn();
    command.args([
        "-e",
        "local n = 0; _PROMPT = setmetatable({}, {__tostring = function() n = n + 1; return n end})",
        "-i",
    ]);
    let output = run(command, " --\na = 2\n");
    let text = stdout(&output);
    assert!(text.ends_with("1 --\n2a = 2\n3\n"), "{text}");
}

#[test]
fn a_script_needs_arg_to_be_a_table() {
    let mut command = saturn();
    command.args(["-e", "arg = 1", "-"]);
    let output = run(command, "print('not run')\n");
    assert!(!output.status.success());
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).ends_with(": 'arg' is not a table\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn interactive_mode_evaluates_expressions_and_continues_statements() {
    let mut command = saturn();
    command.arg("-i");
    let output = run(
        command,
        "x = 1 +\n2\n=x\nreturn x, 'y'\nfor i = 1, 2 do\nprint(i)\nend\nerror('e')\n",
    );
    let text = stdout(&output);
    // Input that is not a terminal is echoed after the prompt, as GNU
    // readline (used by the usual `lua` binaries) does.
    let transcript = "> x = 1 +\n>> 2\n> =x\n3\n> return x, 'y'\n3\ty\n\
        > for i = 1, 2 do\n>> print(i)\n>> end\n1\n2\n> error('e')\n> \n";
    assert!(text.contains("PUC-Rio\n"), "{text}");
    assert!(text.ends_with(transcript), "{text}");
    assert!(
        stderr(&output).starts_with("stdin:1: e\n"),
        "{}",
        stderr(&output)
    );
    assert!(output.status.success());
}

#[test]
fn closing_the_state_registers_no_new_finalizers_and_os_exit_runs_the_rest() {
    let mut command = saturn();
    command.arg("-");
    let output = run(
        command,
        r#"
        print("creating 1")
        setmetatable({}, {__gc = function () print(1) end})
        print("creating 2")
        setmetatable({}, {__gc = function ()
          print("2")
          setmetatable({}, {__gc = function () print(3) end})
          print(collectgarbage())
          os.exit(0, true)
        end})
        "#,
    );
    assert_eq!(stdout(&output), "creating 1\ncreating 2\n2\nnil\n1\n");
    assert!(output.status.success());
}

#[test]
fn warning_control_messages_are_single_pieces_not_continuing_a_message() {
    let mut command = saturn();
    command.args(["-W", "-"]);
    let output = run(
        command,
        r#"
        warn("@allow")
        warn("@off", "XXX", "@off")
        warn("@off")
        warn("@on", "YYY", "@on")
        warn("@off")
        warn("@on")
        warn("", "@on")
        warn("@on")
        warn("Z", "Z", "Z")
        "#,
    );
    assert_eq!(
        stderr(&output),
        "Lua warning: @offXXX@off\nLua warning: @on\nLua warning: ZZZ\n"
    );
}

/// Starts `saturn -e program` with piped output and waits for its first
/// line of output, printed (and flushed) once it runs the code to interrupt.
#[cfg(unix)]
fn started(
    program: &str,
) -> (
    std::process::Child,
    std::io::BufReader<std::process::ChildStdout>,
) {
    use std::io::BufRead;
    let mut child = saturn()
        .args(["-e", program])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("saturn starts");
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line, "ready\n");
    (child, out)
}

/// Sends SIGINT the way `main.lua` of the official suite does.
#[cfg(unix)]
fn interrupt(child: &std::process::Child) -> bool {
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .stderr(Stdio::null())
        .status()
        .expect("kill runs")
        .success()
}

#[cfg(unix)]
#[test]
fn ctrl_c_interrupts_the_running_chunk_like_lua_c() {
    use std::io::Read;
    let program = "print('ready') io.stdout:flush()\n\
                   local function spin() while true do end end\n\
                   spin()";
    let (mut child, _) = started(program);
    assert!(interrupt(&child));
    let status = child.wait().unwrap();
    let mut report = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut report)
        .unwrap();
    let report = report.replace(env!("CARGO_BIN_EXE_saturn"), "saturn");
    assert_eq!(status.code(), Some(1));
    // `luaL_error` in a hook: the position is the spinning function's caller.
    assert_eq!(
        report,
        "saturn: (command line):3: interrupted!\n\
         stack traceback:\n\
         \t(command line):2: in local 'spin'\n\
         \t(command line):3: in main chunk\n\
         \t[C]: in ?\n"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupt_can_be_caught_and_the_program_goes_on() {
    use std::io::Read;
    let program = "print(pcall(function () print('ready') io.stdout:flush() while true do end end))\n\
                   print('after')";
    let (mut child, mut out) = started(program);
    assert!(interrupt(&child));
    let status = child.wait().unwrap();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(status.success());
    assert_eq!(rest, "false\tinterrupted!\nafter\n");
}

#[cfg(unix)]
#[test]
fn a_second_ctrl_c_ends_a_long_native_call() {
    use std::os::unix::process::ExitStatusExt;
    let program = "print('ready') io.stdout:flush() string.find(string.rep('a', 100000), '.*b')";
    let (mut child, _) = started(program);
    // Signals sent too close together may arrive as one: send them apart
    // until the process is gone.
    let mut sent = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(sent < 100, "saturn did not end");
        if interrupt(&child) {
            sent += 1;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(sent >= 2, "one SIGINT only sets the interrupt flag");
    assert_eq!(
        status.signal(),
        Some(2),
        "killed by SIGINT's default action"
    );
}

/// Stdout is one buffer (fully buffered on a pipe, as C's): what is still
/// in it is written out however the program ends.
#[test]
fn buffered_stdout_is_written_out_at_every_exit() {
    for (code, expected_status) in [
        ("io.write('x')", 0),
        ("io.write('x') os.exit(0)", 0),
        ("io.write('x') os.exit(3, true)", 3),
        ("io.write('x') error('boom')", 1),
        (
            "io.write('x') io.stdout:setvbuf('no') io.stdout:setvbuf('full')",
            0,
        ),
    ] {
        let mut command = saturn();
        command.args(["-e", code]);
        let output = run(command, "");
        assert_eq!(stdout(&output), "x", "stdout of {code}");
        assert_eq!(
            output.status.code(),
            Some(expected_status),
            "status of {code}"
        );
    }
}

#[test]
fn unbuffered_stdout_reaches_the_os_before_the_next_stderr_write() {
    // Both streams write to one file, so the order of the system calls shows.
    let path = script("interleaved.out", "");
    let file = std::fs::File::create(&path).unwrap();
    let status = saturn()
        .args([
            "-e",
            r#"io.stdout:setvbuf("no") io.write("a") io.stderr:write("b") io.write("c\n")"#,
        ])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "abc\n");
}

//! Command-line parsing for `saturn`, with the rules of PUC's `lua.c`.
//!
//! Parsing is separate from running so that the rules (which options take an
//! argument, where the script starts, how `arg` is indexed) can be tested
//! without a Lua state.

/// One `-e` or `-l` option, run in command-line order before the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `-e stat`: run `stat` as a chunk named `=(command line)`.
    Execute(Vec<u8>),
    /// `-l mod` or `-l g=mod`: `g = require(mod)`.
    Require { global: Vec<u8>, module: Vec<u8> },
    /// `-W`: turn warnings on.
    WarningsOn,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    /// The program name used in error messages (`argv[0]`).
    pub progname: String,
    /// `-e`, `-l` and `-W` options, in order.
    pub actions: Vec<Action>,
    /// `-i`: enter the REPL after the script.
    pub interactive: bool,
    /// `-v` (also implied by `-i`): print the version banner first.
    pub version: bool,
    /// `-E`: ignore `LUA_INIT*` and the path environment variables.
    pub ignore_env: bool,
    /// `-e` was given (with no script, it suppresses reading stdin).
    pub has_execute: bool,
    /// The script to run, when there is one.
    pub script: Option<Script>,
    /// Every argument, with the index `arg[0]` must map to: `arg[i] =
    /// all_args[i + script_index]`.
    pub all_args: Vec<Vec<u8>>,
    /// Index in `all_args` of the script name (0, the program name, when
    /// there is no script).
    pub script_index: usize,
}

/// The script to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Script {
    /// A file path.
    File(Vec<u8>),
    /// `-`: standard input.
    Stdin,
}

/// A bad option: `lua.c` prints the usage text and exits with status 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError {
    pub progname: String,
    /// The offending argument.
    pub option: String,
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let needs_argument = matches!(self.option.as_bytes(), [b'-', b'e' | b'l', ..]);
        if needs_argument {
            writeln!(f, "{}: '{}' needs argument", self.progname, self.option)?;
        } else {
            writeln!(
                f,
                "{}: unrecognized option '{}'",
                self.progname, self.option
            )?;
        }
        write!(
            f,
            "usage: {} [options] [script [args]]\n\
             Available options are:\n  \
             -e stat   execute string 'stat'\n  \
             -i        enter interactive mode after executing 'script'\n  \
             -l mod    require library 'mod' into global 'mod'\n  \
             -l g=mod  require library 'mod' into global 'g'\n  \
             -v        show version information\n  \
             -E        ignore environment variables\n  \
             -W        turn warnings on\n  \
             --        stop handling options\n  \
             -         stop handling options and execute stdin\n",
            self.progname
        )
    }
}

/// Parses `argv` (program name first) as `lua.c`'s `collectargs` does.
pub fn parse(argv: Vec<Vec<u8>>) -> Result<Invocation, UsageError> {
    let progname = match argv.first() {
        Some(name) if !name.is_empty() => String::from_utf8_lossy(name).into_owned(),
        _ => "saturn".to_owned(),
    };
    let mut invocation = Invocation {
        progname,
        actions: Vec::new(),
        interactive: false,
        version: false,
        ignore_env: false,
        has_execute: false,
        script: None,
        all_args: Vec::new(),
        script_index: 0,
    };
    let usage_error = |progname: &str, arg: &[u8]| UsageError {
        progname: progname.to_owned(),
        option: String::from_utf8_lossy(arg).into_owned(),
    };

    let mut i = 1;
    while i < argv.len() {
        let arg = &argv[i];
        if arg.first() != Some(&b'-') {
            invocation.script = Some(Script::File(arg.clone()));
            invocation.script_index = i;
            break;
        }
        match &arg[1..] {
            b"-" => {
                if let Some(name) = argv.get(i + 1) {
                    invocation.script = Some(Script::File(name.clone()));
                    invocation.script_index = i + 1;
                }
                break;
            }
            b"" => {
                invocation.script = Some(Script::Stdin);
                invocation.script_index = i;
                break;
            }
            b"E" => invocation.ignore_env = true,
            b"W" => invocation.actions.push(Action::WarningsOn),
            b"i" => {
                invocation.interactive = true;
                invocation.version = true;
            }
            b"v" => invocation.version = true,
            [option @ (b'e' | b'l'), rest @ ..] => {
                let value = if rest.is_empty() {
                    i += 1;
                    match argv.get(i) {
                        Some(next) if next.first() != Some(&b'-') => next.clone(),
                        _ => return Err(usage_error(&invocation.progname, arg)),
                    }
                } else {
                    rest.to_vec()
                };
                if *option == b'e' {
                    invocation.has_execute = true;
                    invocation.actions.push(Action::Execute(value));
                } else {
                    invocation.actions.push(require_action(value));
                }
            }
            _ => return Err(usage_error(&invocation.progname, arg)),
        }
        i += 1;
    }
    invocation.all_args = argv;
    Ok(invocation)
}

/// `-l g=mod` requires `mod` into `g`; `-l mod-1.2` requires `mod-1.2` into
/// `mod` (the suffix after `-` is a version mark, as `LUA_IGMARK`).
fn require_action(value: Vec<u8>) -> Action {
    match value.iter().position(|&b| b == b'=') {
        Some(eq) => Action::Require {
            global: value[..eq].to_vec(),
            module: value[eq + 1..].to_vec(),
        },
        None => {
            let global_end = value.iter().position(|&b| b == b'-').unwrap_or(value.len());
            Action::Require {
                global: value[..global_end].to_vec(),
                module: value,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<Vec<u8>> {
        args.iter().map(|a| a.as_bytes().to_vec()).collect()
    }

    #[test]
    fn script_and_arguments_split_at_the_first_non_option() {
        let inv = parse(argv(&["saturn", "-e", "x=1", "s.lua", "-v", "a"])).unwrap();
        assert_eq!(inv.actions, vec![Action::Execute(b"x=1".to_vec())]);
        assert_eq!(inv.script, Some(Script::File(b"s.lua".to_vec())));
        assert_eq!(inv.script_index, 3);
        assert!(!inv.version, "options after the script belong to it");
    }

    #[test]
    fn double_dash_and_single_dash() {
        let inv = parse(argv(&["saturn", "--", "-x"])).unwrap();
        assert_eq!(inv.script, Some(Script::File(b"-x".to_vec())));
        assert_eq!(inv.script_index, 2);
        let inv = parse(argv(&["saturn", "-", "a"])).unwrap();
        assert_eq!(inv.script, Some(Script::Stdin));
        assert_eq!(inv.script_index, 1);
        let inv = parse(argv(&["saturn", "--"])).unwrap();
        assert_eq!(inv.script, None);
    }

    #[test]
    fn concatenated_option_arguments_and_library_names() {
        let inv = parse(argv(&[
            "saturn",
            "-eprint(1)",
            "-lg=mod",
            "-lfoo-1.2",
            "-i",
        ]))
        .unwrap();
        assert_eq!(
            inv.actions,
            vec![
                Action::Execute(b"print(1)".to_vec()),
                Action::Require {
                    global: b"g".to_vec(),
                    module: b"mod".to_vec()
                },
                Action::Require {
                    global: b"foo".to_vec(),
                    module: b"foo-1.2".to_vec()
                },
            ]
        );
        assert!(inv.interactive && inv.version);
    }

    #[test]
    fn bad_options_are_reported_like_lua_c() {
        let err = parse(argv(&["saturn", "-e"])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("saturn: '-e' needs argument\nusage: saturn")
        );
        let err = parse(argv(&["saturn", "-l", "-v"])).unwrap_err();
        assert_eq!(err.option, "-l");
        let err = parse(argv(&["saturn", "-vx"])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("saturn: unrecognized option '-vx'")
        );
        let err = parse(argv(&["saturn", "--x"])).unwrap_err();
        assert_eq!(err.option, "--x");
    }
}

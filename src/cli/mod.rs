//! The `saturn` command line: a drop-in for the stand-alone `lua5.4`.
//!
//! The order of work follows PUC's `lua.c`: parse the options, print the
//! banner, open the libraries, build `arg`, run `LUA_INIT`, run `-e`/`-l`/`-W`
//! in order, run the script, then the REPL when asked (or when nothing else
//! was asked and stdin is a terminal).

pub mod args;
mod ctrl_c;
mod docall;
mod input;
mod repl;

use std::io::{IsTerminal, Write};

use saturn_stdlib::base::load::{load_chunk, read_source_file};
use saturn_stdlib::io::path::os_bytes;
use saturn_vm::error::{ErrorKind, LuaError};
use saturn_vm::gc::GcMode;
use saturn_vm::state::{Lua, Stashed};
use saturn_vm::value::Value;

use args::{Action, Invocation, Script};

/// The banner of `-v` and of the REPL. The suite's `main.lua` expects the line
/// to end with `PUC-Rio`: the language and its manual are theirs.
pub const VERSION_BANNER: &str = concat!(
    "Saturn ",
    env!("CARGO_PKG_VERSION"),
    ", Lua 5.4  Copyright (C) 1994-2025 Lua.org, PUC-Rio"
);

/// Runs the whole command line; `true` means exit status 0.
pub fn main(argv: Vec<Vec<u8>>) -> bool {
    let invocation = match args::parse(argv) {
        Ok(invocation) => invocation,
        Err(usage) => {
            eprint!("{usage}");
            return false;
        }
    };
    let mut session = Session::new(&invocation);
    let ok = session.run(&invocation);
    // `lua.c` closes its state whether the program failed or not, and
    // closing runs every pending finalizer.
    session.lua.close();
    // As C's `exit` writes out `stdout`.
    let _ = saturn_stdlib::io::stdout::flush();
    ok
}

/// `lua.c`'s `lua_writestring` + `lua_writeline`: a line on stdout, flushed.
fn print_line(text: &[u8]) {
    let _ = saturn_stdlib::io::stdout::write(text);
    let _ = saturn_stdlib::io::stdout::write(b"\n");
    let _ = saturn_stdlib::io::stdout::flush();
}

/// One state and the program name used to prefix its error reports.
struct Session {
    lua: Lua,
    /// `None` inside the REPL, where PUC prints errors without the name.
    progname: Option<String>,
    /// Ctrl-C interrupts the chunk that is running.
    ctrl_c: ctrl_c::CtrlC,
}

impl Session {
    fn new(invocation: &Invocation) -> Session {
        let mut lua = Lua::new();
        // `lua.c` switches the collector to generational mode at start-up, so
        // the first `collectgarbage("incremental")` answers "generational".
        lua.set_gc_mode(GcMode::Generational);
        lua.enter(|ctx| {
            // Before the libraries: `package` reads it for its paths.
            if invocation.ignore_env {
                let key = ctx.intern(b"LUA_NOENV");
                ctx.registry().set_str(ctx.mc, key, Value::Boolean(true));
            }
            saturn_stdlib::open_libs(ctx);
            saturn_rings::open(ctx);
        });
        Session {
            ctrl_c: ctrl_c::CtrlC::new(&lua),
            lua,
            progname: Some(invocation.progname.clone()),
        }
    }

    fn run(&mut self, invocation: &Invocation) -> bool {
        if invocation.version {
            print_line(VERSION_BANNER.as_bytes());
        }
        self.create_arg_table(invocation);
        if !invocation.ignore_env && !self.run_lua_init() {
            return false;
        }
        for action in &invocation.actions {
            let ok = match action {
                Action::Execute(code) => self.do_string(code, b"=(command line)"),
                Action::Require { global, module } => self.require(global, module),
                Action::WarningsOn => {
                    self.lua.enter(|ctx| ctx.warn(b"@on", false));
                    true
                }
            };
            if !ok {
                return false;
            }
        }
        if let Some(script) = &invocation.script
            && !self.run_script(script)
        {
            return false;
        }
        if invocation.interactive {
            repl::run(self);
        } else if invocation.script.is_none() && !invocation.has_execute && !invocation.version {
            if std::io::stdin().is_terminal() {
                print_line(VERSION_BANNER.as_bytes());
                repl::run(self);
            } else {
                return self.run_script(&Script::Stdin);
            }
        }
        true
    }

    /// `arg[0]` is the script name; the script's arguments are positive,
    /// the interpreter and its options negative.
    fn create_arg_table(&mut self, invocation: &Invocation) {
        let base = invocation.script_index as i64;
        self.lua.enter(|ctx| {
            // Sized as `lua.c` sizes it, so `#arg` finds PUC's border
            // after a script clears some of its arguments.
            let positive = invocation.all_args.len().saturating_sub(base as usize + 1);
            let table = ctx.new_table_with_capacity(positive, base as usize + 1);
            for (i, arg) in invocation.all_args.iter().enumerate() {
                let value = Value::String(ctx.intern(arg));
                table.set_int(ctx.mc, i as i64 - base, value);
            }
            ctx.set_global("arg", Value::Table(table));
        });
    }

    fn run_lua_init(&mut self) -> bool {
        let (name, init) = match std::env::var_os("LUA_INIT_5_4") {
            Some(init) => ("=LUA_INIT_5_4", init),
            None => match std::env::var_os("LUA_INIT") {
                Some(init) => ("=LUA_INIT", init),
                None => return true,
            },
        };
        let init = os_bytes(&init);
        match init.strip_prefix(b"@") {
            Some(path) => self.run_script(&Script::File(path.to_vec())),
            None => self.do_string(&init, name.as_bytes()),
        }
    }

    fn do_string(&mut self, code: &[u8], chunkname: &[u8]) -> bool {
        let result = load(&self.lua, code, chunkname).and_then(|f| self.call(&f, Vec::new()));
        self.report(result.map(drop))
    }

    /// `-l g=mod`: `g = require(mod)`.
    fn require(&mut self, global: &[u8], module: &[u8]) -> bool {
        let (require, module) = self.lua.enter(|ctx| {
            let require = ctx.stash(ctx.get_global("require"));
            (require, ctx.stash(Value::String(ctx.intern(module))))
        });
        let result = self.call(&require, vec![module]).map(|results| {
            self.lua.enter(|ctx| {
                let value = results.first().map_or(Value::Nil, |v| ctx.fetch(v));
                let name = ctx.intern(global);
                ctx.globals().set_str(ctx.mc, name, value);
            })
        });
        self.report(result)
    }

    /// Runs the script with `arg[1..#arg]` as its arguments.
    fn run_script(&mut self, script: &Script) -> bool {
        let name = match script {
            Script::File(path) => Some(path.as_slice()),
            Script::Stdin => None,
        };
        let loaded = read_source_file(name)
            .map_err(|message| LuaError::new(ErrorKind::Runtime, message))
            .and_then(|(text, chunkname)| load(&self.lua, &text, &chunkname));
        let result = loaded.and_then(|function| {
            let args = self.lua.enter(|ctx| {
                // The script may have been preceded by `-e "arg = 1"`.
                let Value::Table(arg) = ctx.get_global("arg") else {
                    return Err(LuaError::new(ErrorKind::Runtime, "'arg' is not a table"));
                };
                Ok((1..=arg.length(ctx.mc))
                    .map(|i| ctx.stash(arg.get_int(ctx.mc, i)))
                    .collect())
            })?;
            self.call(&function, args)
        });
        self.report(result.map(drop))
    }

    /// Calls a function with stashed arguments under `lua.c`'s message
    /// handler ([`docall`]), returning stashed results; an error comes back
    /// as the handler's report (its traceback included). Ctrl-C interrupts
    /// it ([`ctrl_c`]).
    fn call(&mut self, function: &Stashed, args: Vec<Stashed>) -> Result<Vec<Stashed>, LuaError> {
        let lua = &mut self.lua;
        let outcome = self.ctrl_c.around(|| {
            lua.call_with(
                |ctx| {
                    let mut call_args = vec![ctx.fetch(function)];
                    call_args.extend(args.iter().map(|a| ctx.fetch(a)));
                    (ctx.native(docall::docall), call_args)
                },
                |ctx, values| match values.split_first() {
                    Some((Value::Boolean(true), results)) => {
                        Ok(results.iter().map(|v| ctx.stash(*v)).collect())
                    }
                    _ => Err(values
                        .get(1)
                        .map(|v| v.to_display_bytes())
                        .unwrap_or_default()),
                },
            )
        })?;
        outcome.map_err(|report| LuaError::new(ErrorKind::Runtime, report))
    }

    /// Prints an error as `lua.c`'s `report` does; `true` when there was none.
    fn report(&mut self, result: Result<(), LuaError>) -> bool {
        let Err(error) = result else { return true };
        let mut text = Vec::new();
        if let Some(progname) = &self.progname {
            text.extend_from_slice(progname.as_bytes());
            text.extend_from_slice(b": ");
        }
        text.extend_from_slice(&error.message);
        if !error.traceback.is_empty() {
            text.push(b'\n');
            text.extend_from_slice(&error.traceback);
        }
        text.push(b'\n');
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(&text);
        let _ = stderr.flush();
        false
    }
}

/// Compiles a chunk (as `load` with mode "bt" would) into a function of the
/// state.
fn load(lua: &Lua, text: &[u8], chunkname: &[u8]) -> Result<Stashed, LuaError> {
    lua.enter(|ctx| {
        load_chunk(ctx, text, chunkname, b"bt", None)
            .map(|function| ctx.stash(function))
            .map_err(|message| LuaError::new(ErrorKind::Syntax, message))
    })
}

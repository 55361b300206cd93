//! Where the REPL's lines come from: a line editor with history when stdin is
//! a terminal (as `lua.c` built with readline), plain reads otherwise (piped
//! input, or targets without terminal support).

use std::io::{BufRead, IsTerminal};

use saturn_stdlib::io::stdout;

pub(super) enum LineSource {
    #[cfg(any(unix, windows))]
    Editor(Box<rustyline::DefaultEditor>),
    Plain(std::io::StdinLock<'static>),
}

impl LineSource {
    pub(super) fn new() -> LineSource {
        #[cfg(any(unix, windows))]
        if std::io::stdin().is_terminal()
            && let Ok(editor) = rustyline::DefaultEditor::new()
        {
            return LineSource::Editor(Box::new(editor));
        }
        LineSource::Plain(std::io::stdin().lock())
    }

    /// Shows `prompt` and reads one line without its newline; `None` at end
    /// of input.
    pub(super) fn read_line(&mut self, prompt: &[u8]) -> Option<Vec<u8>> {
        match self {
            #[cfg(any(unix, windows))]
            LineSource::Editor(editor) => {
                use rustyline::error::ReadlineError;
                let _ = stdout::flush();
                let prompt = String::from_utf8_lossy(prompt).into_owned();
                match editor.readline(prompt.as_str()) {
                    Ok(line) => {
                        if !line.is_empty() {
                            let _ = editor.add_history_entry(line.as_str());
                        }
                        Some(line.into_bytes())
                    }
                    // Ctrl-C abandons the line being typed, as a shell does.
                    Err(ReadlineError::Interrupted) => Some(Vec::new()),
                    Err(_) => None,
                }
            }
            LineSource::Plain(input) => {
                let _ = stdout::write(prompt);
                let _ = stdout::flush();
                let mut line = Vec::new();
                match input.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => {
                        if line.last() == Some(&b'\n') {
                            line.pop();
                        }
                        // GNU readline, which the usual `lua` binaries use,
                        // echoes a line it reads from a non-terminal.
                        let _ = stdout::write(&line);
                        let _ = stdout::write(b"\n");
                        Some(line)
                    }
                }
            }
        }
    }
}

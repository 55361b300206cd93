//! Robustness: no panic and no Rust stack overflow is reachable from Lua
//! source, and every failure leaves the state usable (DESIGN.md §3, §9).
//!
//! - malformed sources through `Lua::load` and Lua's `load`: truncated
//!   programs, random bytes, token soups, unbalanced brackets, bad escapes,
//!   huge numerals, invalid UTF-8, NUL bytes (deterministic PRNG);
//! - deep nesting (100 000 levels) on a thread with a 2 MiB stack, compared
//!   with PUC 5.4.8's limits (about 200 C levels);
//! - runaway recursion through Lua calls, metamethods, `pcall`, coroutines
//!   and `tostring`; `__index` chains; `error` with every type of value;
//!   errors in `__close`, `__gc` and message handlers;
//! - every base and coroutine function called with odd arguments;
//! - the memory limit.
//!
//! Known bugs found by these tests are `#[ignore]`d tests of their own with
//! the reason in the attribute.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;

use saturn::vm::error::{ErrorKind, LuaError};
use saturn::vm::state::Lua;
use saturn::vm::value::Value;

// ---------------------------------------------------------------------------
// Helpers

/// A state with every library open and `print` writing into a buffer.
fn new_lua() -> Lua {
    let lua = Lua::new();
    lua.enter(|ctx| {
        saturn::stdlib::open_libs(ctx);
        let sink: Rc<RefCell<dyn std::io::Write>> = Rc::new(RefCell::new(Vec::<u8>::new()));
        let print = saturn::stdlib::base::output::print_to(ctx, sink);
        ctx.set_global("print", print);
    });
    lua
}

/// Runs `source` and returns its results as display strings.
fn eval(lua: &mut Lua, source: &str) -> Result<Vec<String>, LuaError> {
    lua.eval_to_strings(source.as_bytes(), "=input")
}

/// Runs `source`, which must succeed, and returns its results.
#[track_caller]
fn eval_ok(lua: &mut Lua, source: &str) -> Vec<String> {
    match eval(lua, source) {
        Ok(values) => values,
        Err(e) => panic!(
            "unexpected error {:?}: {}\nsource: {}",
            e.kind,
            e,
            short(source)
        ),
    }
}

/// Runs `source`, which must fail, and returns the error.
#[track_caller]
fn eval_err(lua: &mut Lua, source: &str) -> LuaError {
    match eval(lua, source) {
        Ok(values) => panic!(
            "expected an error, got {values:?}\nsource: {}",
            short(source)
        ),
        Err(e) => e,
    }
}

fn short(source: &str) -> String {
    if source.len() <= 200 {
        source.to_string()
    } else {
        let mut end = 200;
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}... ({} bytes)", &source[..end], source.len())
    }
}

/// The program every state must still run correctly after a failure.
const SANITY: &str = r#"
    local s = 0
    for i = 1, 10 do s = s + i * i end
    local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
    local t = setmetatable({}, {__index = function(_, k) return k .. "!" end})
    return s, co(1), co(21), select(2, pcall(error, "e", 0)), #{1, 2, 3}, t.x, "a" .. 1
"#;

/// Asserts that `lua` still runs a simple program correctly.
#[track_caller]
fn assert_usable(lua: &mut Lua) {
    assert_eq!(
        eval_ok(lua, SANITY),
        ["385", "2", "42", "e", "3", "x!", "a1"],
        "the state is not usable any more"
    );
}

/// Runs `f` on a new thread with a 2 MiB stack (the default for test
/// threads, made explicit so that `RUST_MIN_STACK` cannot hide a deep
/// recursion), propagating its panic.
fn on_small_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let handle = std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn");
    match handle.join() {
        Ok(r) => r,
        Err(payload) => panic::resume_unwind(payload),
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic>".to_string()
    }
}

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Malformed sources

/// Valid programs whose prefixes and mutations feed the loader.
const PROGRAMS: &[&str] = &[
    r#"local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {1, 2.5, "three", [4] = 0x10, five = {nested = true}, 'six'; 7}
for i, v in ipairs(t) do t[i] = tostring(v) .. "\n\t\"q\"" end
while #t > 0 and t[#t] ~= nil do t[#t] = nil end
repeat local x <const> = 1 until x == 1
goto done
::done::
return fib(10), #t, 3 // 2, 7 % -3, 2 ^ 10, 1 << 62, ~0, "a" .. 'b', not nil
"#,
    r#"--[==[ a long
comment ]==] local s = [[
long string]] .. [=[ with ]] inside ]=] .. "\65\066\x43\u{44}\z
      E" -- comment
local obj = {n = 0}
function obj:inc(by) self.n = self.n + (by or 1) return self end
obj:inc():inc(2)
local a <close> = nil
local f = function(...) local a, b = ... return select('#', ...), a, b end
return s, obj.n, f(1, nil, 3), 0xA.8p1, 1e-3, .5, 3., 0x.1
"#,
    r#"local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
local results = {}
for _, args in ipairs({{1, 2}, {10}, {3, 4}}) do
  results[#results + 1] = select(2, coroutine.resume(co, table and args[1], args[2]))
end
if results[1] == 3 then print("ok") elseif results[2] then print("hm") else error("no") end
for i = 10, 1, -2 do results[i] = i end
for k, v in pairs(results) do results[k] = v and v >= 0 and -v or v end
return results[1], results[2] == 20, #results, ... , (...)
"#,
];

/// Operators, keywords and literals for the token soup.
const TOKENS: &[&str] = &[
    "and",
    "break",
    "do",
    "else",
    "elseif",
    "end",
    "false",
    "for",
    "function",
    "goto",
    "if",
    "in",
    "local",
    "nil",
    "not",
    "or",
    "repeat",
    "return",
    "then",
    "true",
    "until",
    "while",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "#",
    "&",
    "~",
    "|",
    "<<",
    ">>",
    "//",
    "==",
    "~=",
    "<=",
    ">=",
    "<",
    ">",
    "=",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "::",
    ";",
    ":",
    ",",
    ".",
    "..",
    "...",
    "x",
    "y",
    "_ENV",
    "self",
    "1",
    "0",
    "1.5",
    "0x10",
    "1e10",
    "0x1p4",
    "9223372036854775807",
    "9223372036854775808",
    "\"s\"",
    "'t'",
    "[[long]]",
    "[==[x]==]",
    "--c\n",
    "--[[c]]",
    "\n",
    "<const>",
    "<close>",
    "<foo>",
    "print",
    "f",
    "@",
    "$",
    "`",
    "!",
    "?",
];

/// Pieces for unbalanced brackets, strings and comments.
const BRACKETS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", "[[", "]]", "[=[", "]=]", "[==[", "]==]", "[=", "--[[", "--[==[",
    "--", "\"", "'", "\\", "\n", "\r", "x", "1", ",", "=", "return ", "..", "...", " ", "a.b",
    ":m", "\\\n", "\\z", "\\u{", "\\x",
];

/// Escapes inside quoted strings, valid and not.
const ESCAPES: &[&str] = &[
    r"\x",
    r"\xZZ",
    r"\x1",
    r"\x41",
    r"\xfF",
    r"\u",
    r"\u{",
    r"\u{}",
    r"\u{41",
    r"\u{41}",
    r"\u{7FFFFFFF}",
    r"\u{80000000}",
    r"\u{110000}",
    r"\u{FFFFFFFFFFFFFFFFFFFF}",
    r"\u{-1}",
    r"\uZ",
    r"\999",
    r"\256",
    r"\255",
    r"\0",
    r"\00000",
    r"\q",
    r"\z",
    "\\z\n  \n",
    r"\",
    "\\\n",
    "\\\r\n",
    "\\\n\r",
    "\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"",
    r"\9",
    r"\x\u",
    r"\1234",
];

/// Numerals: huge, tiny, malformed.
const NUMERALS: &[&str] = &[
    "1e999999999999",
    "1e-999999999999",
    "1e309",
    "0x1p99999999999999",
    "0x1p-99999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "0x7fffffffffffffffffffffffffff",
    "0xffffffffffffffff",
    "0x10000000000000000",
    "1e",
    "1e+",
    "1e-",
    "0x",
    "0x.",
    "0x.p1",
    "0xp1",
    "0x1p",
    "3..2",
    "3...2",
    "1.2.3",
    ".e1",
    "0x1g",
    "1_000",
    "08",
    "0e0",
    "0x.0p-0",
    "1e+1e1",
    "0b101",
    "1..2",
    "2^-1074",
    "0X1P+1",
    ".",
    "..",
    "1ee1",
];

/// Truncated programs: every prefix of each program.
fn truncated_cases() -> Vec<Vec<u8>> {
    let mut cases = Vec::new();
    for program in PROGRAMS {
        let bytes = program.as_bytes();
        for end in 0..=bytes.len() {
            cases.push(bytes[..end].to_vec());
        }
    }
    cases
}

/// Programs with bytes replaced, inserted or deleted (including NUL and
/// invalid UTF-8).
fn mutated_cases(rng: &mut Rng, count: usize) -> Vec<Vec<u8>> {
    const INTERESTING: &[u8] = b"\0\xff\xfe\xc0\x80\"'[]{}()=-\\\n\r.:;#~<>0123456789eExXpP";
    let mut cases = Vec::new();
    for _ in 0..count {
        let mut bytes = rng.pick(PROGRAMS).as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            let byte = if rng.below(2) == 0 {
                *rng.pick(INTERESTING)
            } else {
                rng.next() as u8
            };
            match rng.below(3) {
                0 if at < bytes.len() => bytes[at] = byte,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, byte),
            }
        }
        cases.push(bytes);
    }
    cases
}

fn random_byte_cases(rng: &mut Rng, count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| {
            let len = rng.below(80);
            (0..len)
                .map(|_| {
                    let b = rng.next() as u8;
                    // Half the cases stay in printable ASCII, where the
                    // lexer gets further.
                    if i % 2 == 0 { b } else { b' ' + b % 95 }
                })
                .collect()
        })
        .collect()
}

fn soup_cases(rng: &mut Rng, pieces: &[&str], count: usize, max_len: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|_| {
            let n = 1 + rng.below(max_len);
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(pieces[rng.below(pieces.len())]);
                if rng.below(3) != 0 {
                    s.push(' ');
                }
            }
            s.into_bytes()
        })
        .collect()
}

fn escape_cases() -> Vec<Vec<u8>> {
    let mut cases = Vec::new();
    for escape in ESCAPES {
        for quote in ["\"", "'"] {
            cases.push(format!("return {quote}a{escape}b{quote}").into_bytes());
            // Unterminated: the escape runs into the end of the chunk.
            cases.push(format!("return {quote}{escape}").into_bytes());
        }
    }
    cases
}

fn numeral_cases() -> Vec<Vec<u8>> {
    let mut cases = Vec::new();
    for numeral in NUMERALS {
        cases.push(format!("return {numeral}").into_bytes());
        cases.push(format!("return -{numeral}, {numeral}x").into_bytes());
    }
    cases.push(format!("return 1{}", "0".repeat(10_000)).into_bytes());
    cases.push(format!("return 0x{}", "f".repeat(10_000)).into_bytes());
    cases.push(format!("return 0.{}1", "0".repeat(10_000)).into_bytes());
    cases.push(format!("return 1e{}", "9".repeat(10_000)).into_bytes());
    cases.push(format!("return 0x1p-{}", "9".repeat(10_000)).into_bytes());
    cases
}

fn odd_byte_cases() -> Vec<Vec<u8>> {
    let raw: &[&[u8]] = &[
        b"",
        b"\0",
        b"return \0",
        b"return '\0'",
        b"return \"a\0b\"",
        b"return [[a\0b]]",
        b"-- \0 comment\nreturn 1",
        b"--[[\0]] return 1",
        b"local \xff = 1",
        b"local a\xff = 1",
        b"return '\xff\xfe\xc0\x80'",
        b"return \"\xed\xa0\x80\"",
        b"\xef\xbb\xbfreturn 1",
        b"#!shebang\nreturn 1",
        b"#",
        b"\x1bLua",
        b"\x1bLuaT\0\x19\x93\r\n\x1a\n",
        b"return 1 \xc3\xa9",
        b"x = \"\n\"",
        b"x = '\r'",
        b"x = [[",
        b"x = [==[ ]=]",
        b"--[[ unfinished",
        b"--[==[ ]]",
        b"return [=",
        b"return [=x",
        b"\r\n\r\n\n\r return 1",
    ];
    raw.iter().map(|b| b.to_vec()).collect()
}

/// A loader result: `Ok(())` for a function, `Err(message)` otherwise.
type LoadOutcome = Result<(), Vec<u8>>;

/// Loads every case from Rust and from Lua's `load`, requiring: no panic,
/// an error message with the chunk name or a function, the same outcome
/// both ways, and a usable state at the end. Returns the failures.
fn check_loads(cases: &[Vec<u8>]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut lua = new_lua();
    let checker_src: &[u8] = b"local src = ...
        local f, e = load(src, '=fuzz')
        if f then
          assert(type(f) == 'function' and e == nil)
          return true
        end
        assert(f == nil and type(e) == 'string')
        return false, e";
    let mut checker = lua.load(checker_src, "=checker").expect("checker");
    for case in cases {
        let shown = case.escape_ascii().to_string();
        let from_rust = panic::catch_unwind(AssertUnwindSafe(|| {
            lua.load(case, "=fuzz")
                .map(|_| ())
                .map_err(|e| (e.kind, e.message))
        }));
        let from_rust: LoadOutcome = match from_rust {
            Ok(Ok(())) => Ok(()),
            Ok(Err((kind, message))) => {
                if kind != ErrorKind::Syntax && kind != ErrorKind::Memory {
                    failures.push(format!("Lua::load gave a {kind:?} error for b\"{shown}\""));
                }
                Err(message)
            }
            Err(payload) => {
                failures.push(format!(
                    "Lua::load panicked on b\"{shown}\": {}",
                    panic_text(&*payload)
                ));
                lua = new_lua();
                checker = lua.load(checker_src, "=checker").expect("checker");
                continue;
            }
        };
        if let Err(message) = &from_rust {
            let text = String::from_utf8_lossy(message);
            if !(text.starts_with("fuzz:") || text.contains("stack overflow")) {
                failures.push(format!(
                    "load error without position for b\"{shown}\": {text}"
                ));
            }
        }
        let from_lua = panic::catch_unwind(AssertUnwindSafe(|| {
            lua.call_with(
                |ctx| (ctx.fetch(&checker), vec![Value::String(ctx.intern(case))]),
                |_, values| match values {
                    [Value::Boolean(true)] => Ok(()),
                    [Value::Boolean(false), Value::String(s)] => Err(s.as_bytes().to_vec()),
                    other => Err(format!("odd results: {other:?}").into_bytes()),
                },
            )
        }));
        match from_lua {
            Ok(Ok(outcome)) => {
                // Lua's `load` refuses binary chunks (a leading ESC) with a
                // message of its own; `Lua::load` reads text only.
                let binary = case.first() == Some(&0x1b) && outcome.is_err() && from_rust.is_err();
                if outcome != from_rust && !binary {
                    failures.push(format!(
                        "load from Lua and from Rust disagree on b\"{shown}\": {:?} vs {:?}",
                        outcome.map_err(|m| String::from_utf8_lossy(&m).into_owned()),
                        from_rust.map_err(|m| String::from_utf8_lossy(&m).into_owned()),
                    ));
                }
            }
            Ok(Err(e)) => failures.push(format!("checker failed on b\"{shown}\": {e}")),
            Err(payload) => {
                failures.push(format!(
                    "load() panicked on b\"{shown}\": {}",
                    panic_text(&*payload)
                ));
                lua = new_lua();
                checker = lua.load(checker_src, "=checker").expect("checker");
            }
        }
    }
    let usable = panic::catch_unwind(AssertUnwindSafe(|| eval(&mut lua, SANITY)));
    match usable {
        Ok(Ok(v)) if v == ["385", "2", "42", "e", "3", "x!", "a1"] => {}
        other => failures.push(format!(
            "state unusable after the cases: {:?}",
            other.map_err(|p| panic_text(&*p))
        )),
    }
    failures
}

#[track_caller]
fn assert_no_failures(what: &str, count: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures out of {count} {what} cases; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn truncated_programs_give_errors_or_functions() {
    let cases = truncated_cases();
    assert!(cases.len() > 1000);
    let failures = on_small_stack(move || check_loads(&cases));
    assert_no_failures("truncated", 0, &failures);
    // The complete programs compile, and the empty prefix is an empty chunk.
    let mut lua = new_lua();
    for program in PROGRAMS {
        lua.load(program.as_bytes(), "=p")
            .expect("complete program");
    }
    assert!(lua.load(b"", "=p").is_ok());
    assert!(lua.load(b"local function fib(n) if n", "=p").is_err());
}

#[test]
fn mutated_programs_give_errors_or_functions() {
    let cases = mutated_cases(&mut Rng(1), 1500);
    let n = cases.len();
    let failures = on_small_stack(move || check_loads(&cases));
    assert_no_failures("mutated", n, &failures);
}

#[test]
fn random_bytes_give_errors_or_functions() {
    let cases = random_byte_cases(&mut Rng(2), 1000);
    let n = cases.len();
    let failures = on_small_stack(move || check_loads(&cases));
    assert_no_failures("random-byte", n, &failures);
}

#[test]
fn token_soups_give_errors_or_functions() {
    let cases = soup_cases(&mut Rng(3), TOKENS, 2000, 40);
    let n = cases.len();
    let failures = on_small_stack(move || check_loads(&cases));
    assert_no_failures("token-soup", n, &failures);
}

#[test]
fn unbalanced_brackets_give_errors_or_functions() {
    let mut cases = soup_cases(&mut Rng(4), BRACKETS, 1000, 20);
    for open in [
        "(",
        "{",
        "[",
        "[[",
        "[=[",
        "--[[",
        "\"",
        "'",
        "function",
        "do",
        "if x then",
    ] {
        cases.push(format!("return {open}").into_bytes());
        cases.push(format!("return {}", open.repeat(50)).into_bytes());
    }
    for close in [")", "}", "]", "]]", "]=]", "end", "until x", "else"] {
        cases.push(format!("return 1 {close}").into_bytes());
        cases.push(close.repeat(50).into_bytes());
    }
    let n = cases.len();
    let failures = on_small_stack(move || check_loads(&cases));
    assert_no_failures("bracket", n, &failures);
}

#[test]
fn bad_escapes_numerals_and_odd_bytes_give_errors_or_functions() {
    let mut cases = escape_cases();
    cases.extend(numeral_cases());
    cases.extend(odd_byte_cases());
    let n = cases.len();
    let failures = on_small_stack(move || check_loads(&cases));
    assert_no_failures("escape/numeral/byte", n, &failures);
}

/// `load` with a reader function that hands the source over in pieces of
/// 1 to 3 bytes gives the same outcome as `load` of the whole string; odd
/// readers give Lua errors.
#[test]
fn load_with_reader_functions() {
    let mut cases: Vec<Vec<u8>> = truncated_cases().into_iter().step_by(5).collect();
    cases.extend(mutated_cases(&mut Rng(5), 200));
    cases.extend(escape_cases());
    cases.extend(numeral_cases().into_iter().take(40));
    let mut lua = new_lua();
    let checker = lua
        .load(
            b"local src, pieces = ...
            local i = 0
            local f1, e1 = load(src, '=fuzz')
            local f2, e2 = load(function() i = i + 1 return pieces[i] end, '=fuzz')
            if (f1 == nil) ~= (f2 == nil) or e1 ~= e2 then
              return tostring(e1) .. ' vs ' .. tostring(e2)
            end
            return true",
            "=checker",
        )
        .expect("checker");
    let mut rng = Rng(6);
    let mut failures = Vec::new();
    for case in &cases {
        let mut cuts = Vec::new();
        let mut at = 0;
        while at < case.len() {
            let end = (at + 1 + rng.below(3)).min(case.len());
            cuts.push((at, end));
            at = end;
        }
        let r = lua.call_with(
            |ctx| {
                let pieces = ctx.new_table();
                for (i, (a, b)) in cuts.iter().enumerate() {
                    pieces.set_int(
                        ctx.mc,
                        i as i64 + 1,
                        Value::String(ctx.intern(&case[*a..*b])),
                    );
                }
                (
                    ctx.fetch(&checker),
                    vec![Value::String(ctx.intern(case)), Value::Table(pieces)],
                )
            },
            |_, values| match values {
                [Value::Boolean(true)] => None,
                [Value::String(s)] => Some(String::from_utf8_lossy(s.as_bytes()).into_owned()),
                other => Some(format!("{other:?}")),
            },
        );
        match r {
            Ok(None) => {}
            Ok(Some(mismatch)) => {
                failures.push(format!("b\"{}\": {mismatch}", case.escape_ascii()))
            }
            Err(e) => failures.push(format!("b\"{}\": error {e}", case.escape_ascii())),
        }
    }
    assert_no_failures("reader", cases.len(), &failures);
    let r = eval_ok(
        &mut lua,
        "local n = 0 \
         local a, b = load(function() return {} end) \
         local c, d = load(function() error('in reader') end) \
         local e, f = load(function() error({}) end) \
         local g = load(function() n = n + 1 if n == 1 then return 'return 1' end return '' end) \
         return a, b, c, d, e, f ~= nil, g and g()",
    );
    assert_eq!(r[0], "nil");
    assert!(
        r[1].contains("reader function must return a string"),
        "{}",
        r[1]
    );
    assert_eq!(r[2], "nil");
    assert!(r[3].contains("in reader"), "{}", r[3]);
    assert_eq!(&r[4..], ["nil", "true", "1"]);
    assert_usable(&mut lua);
}

#[test]
fn lexer_results_match_puc() {
    // Expected values and messages from PUC Lua 5.4.8.
    let mut lua = new_lua();
    let ok: &[(&str, &[&str])] = &[
        ("return 1e999999999999", &["inf"]),
        ("return -1e999999999999", &["-inf"]),
        ("return 1e-999999999999", &["0.0"]),
        ("return 9223372036854775807", &["9223372036854775807"]),
        ("return 9223372036854775808", &["9.2233720368548e+18"]),
        ("return -9223372036854775808", &["-9.2233720368548e+18"]),
        ("return 0xffffffffffffffff", &["-1"]),
        ("return 0x10000000000000001", &["1"]),
        ("return nil, 0x.0p-0", &["nil", "0.0"]),
        (
            "return '\\u{7FFFFFFF}' == '\\xFD\\xBF\\xBF\\xBF\\xBF\\xBF'",
            &["true"],
        ),
        ("return #'a\\z\n   \n  b', '\\65\\066\\x43'", &["2", "ABC"]),
        ("return #'\\0\\00\\000', #[[\0]]", &["3", "1"]),
    ];
    for (source, expected) in ok {
        assert_eq!(&eval_ok(&mut lua, source), expected, "{source:?}");
    }
    let errors: &[(&[u8], &str)] = &[
        (
            b"return '\\x'",
            "input:1: hexadecimal digit expected near ''\\x''",
        ),
        (
            b"return '\\xZZ'",
            "input:1: hexadecimal digit expected near ''\\xZ'",
        ),
        (
            b"return '\\u{80000000}'",
            "input:1: UTF-8 value too large near ''\\u{80000000'",
        ),
        (
            b"return '\\u{}'",
            "input:1: hexadecimal digit expected near ''\\u{}'",
        ),
        (b"return '\\u41'", "input:1: missing '{' near ''\\u4'"),
        (b"return '\\u{41'", "input:1: missing '}' near ''\\u{41''"),
        (
            b"return '\\256'",
            "input:1: decimal escape too large near ''\\256''",
        ),
        (
            b"return '\\q'",
            "input:1: invalid escape sequence near ''\\q'",
        ),
        (b"return 'abc", "input:1: unfinished string near <eof>"),
        (b"return 'a\nb'", "input:1: unfinished string near ''a'"),
        (
            b"return [[abc",
            "input:1: unfinished long string (starting at line 1) near <eof>",
        ),
        (
            b"--[[abc",
            "input:1: unfinished long comment (starting at line 1) near <eof>",
        ),
        (
            b"return [=x",
            "input:1: invalid long string delimiter near '[='",
        ),
        (b"return 1e", "input:1: malformed number near '1e'"),
        (b"return 3..2", "input:1: malformed number near '3..2'"),
        (b"return 0x", "input:1: malformed number near '0x'"),
        (b"return 1_000", "input:1: malformed number near '1_'"),
        // PUC's message stops at the NUL.
        (b"return \0", "input:1: unexpected symbol"),
        (b"local \xff = 1", "input:1: <name> expected near '<\\255>'"),
        (b"x = @", "input:1: unexpected symbol near '@'"),
        // `load` does not skip a `#` line (only `loadfile` does).
        (
            b"#!shebang\nreturn 1",
            "input:1: unexpected symbol near '#'",
        ),
    ];
    for (source, expected) in errors {
        let e = lua.load(source, "=input").err().expect("an error");
        assert_eq!(e.kind, ErrorKind::Syntax);
        let message = e.message_lossy();
        let shown = source.escape_ascii().to_string();
        if source.contains(&0) {
            assert!(message.starts_with(expected), "{shown}: {message}");
        } else {
            assert_eq!(message, *expected, "{shown}");
        }
    }
    assert_usable(&mut lua);
}

// ---------------------------------------------------------------------------
// Deep nesting

/// Shapes of nesting: each builds a source of depth `n`; `expected` is the
/// result at depth 100, where PUC Lua accepts them all.
struct Shape {
    name: &'static str,
    build: fn(usize) -> String,
    expected: fn(usize) -> Vec<String>,
}

fn shapes() -> Vec<Shape> {
    fn one(_: usize) -> Vec<String> {
        vec!["1".into()]
    }
    vec![
        Shape {
            name: "parentheses",
            build: |n| format!("return {}1{}", "(".repeat(n), ")".repeat(n)),
            expected: one,
        },
        Shape {
            name: "table constructors",
            build: |n| {
                format!(
                    "local t = {}1{} for i = 1, {} do t = t[1] end return t[1]",
                    "{".repeat(n),
                    "}".repeat(n),
                    n - 1
                )
            },
            expected: |_| vec!["1".into()],
        },
        Shape {
            name: "calls",
            build: |n| {
                format!(
                    "local function f(x) return x end return {}1{}",
                    "f(".repeat(n),
                    ")".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "index expressions",
            build: |n| {
                format!(
                    "local a = {{[1] = 1}} return {}1{}",
                    "a[".repeat(n),
                    "]".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "do blocks",
            build: |n| {
                format!(
                    "local x = 0 {} x = 1 {} return x",
                    "do ".repeat(n),
                    " end".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "if blocks",
            build: |n| {
                format!(
                    "local x = 0 {} x = 1 {} return x",
                    "if true then ".repeat(n),
                    " end".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "while blocks",
            build: |n| {
                format!(
                    "local x = 1 {} x = 2 {} return x",
                    "while false do ".repeat(n),
                    " end".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "repeat blocks",
            build: |n| {
                format!(
                    "local x = 0 {} x = 1 {} return x",
                    "repeat ".repeat(n),
                    " until true".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "functions",
            build: |n| {
                format!(
                    "return {}1{}",
                    "(function() return ".repeat(n),
                    " end)()".repeat(n)
                )
            },
            expected: one,
        },
        Shape {
            name: "right-associative concatenation",
            build: |n| format!("local a = 'x' return #({}a)", "a..".repeat(n)),
            expected: |n| vec![(n + 1).to_string()],
        },
        Shape {
            name: "right-associative power",
            build: |n| format!("return {}1", "1^".repeat(n)),
            expected: |_| vec!["1.0".into()],
        },
        Shape {
            name: "unary minus",
            build: |n| format!("return {}1", "- ".repeat(n)),
            expected: |n| vec![if n % 2 == 0 { "1" } else { "-1" }.into()],
        },
        Shape {
            name: "not",
            build: |n| format!("return {}1", "not ".repeat(n)),
            expected: |n| vec![if n % 2 == 0 { "true" } else { "false" }.into()],
        },
    ]
}

/// Nesting PUC accepts (100 levels) works and gives the right value;
/// nesting of 100 000 levels is an error, from Rust and from `load`, and
/// never a Rust stack overflow.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    on_small_stack(|| {
        let mut lua = new_lua();
        for shape in shapes() {
            // Functions use several C levels each in PUC; 30 nest fine.
            let shallow = if shape.name == "functions" { 30 } else { 100 };
            let source = (shape.build)(shallow);
            assert_eq!(
                eval_ok(&mut lua, &source),
                (shape.expected)(shallow),
                "{} at depth {shallow}",
                shape.name
            );
            for depth in [250, 100_000] {
                let source = (shape.build)(depth);
                let e = lua
                    .load(source.as_bytes(), "=deep")
                    .err()
                    .unwrap_or_else(|| panic!("{} at depth {depth} loaded", shape.name));
                assert!(
                    e.message_lossy().contains("C stack overflow"),
                    "{} at depth {depth}: {}",
                    shape.name,
                    e
                );
                lua.enter(|ctx| ctx.set_global("SRC", ctx.str(&source)));
                let r = eval_ok(&mut lua, "local f, e = load(SRC) SRC = nil return f, e");
                assert_eq!(r[0], "nil", "{} at depth {depth} through load", shape.name);
                assert!(
                    r[1].contains("C stack overflow"),
                    "{}: {}",
                    shape.name,
                    r[1]
                );
            }
        }
        assert_usable(&mut lua);
    });
}

/// PUC's exact limits (LUAI_MAXCCALLS = 200): `load` accepts 190 nested
/// parentheses and refuses 197 (likewise tables, calls, `..`, unary minus).
#[test]
fn nesting_limit_matches_puc() {
    on_small_stack(|| {
        let mut lua = new_lua();
        let cases: &[(&str, usize, bool)] = &[
            ("parentheses", 190, true),
            ("parentheses", 197, false),
            ("table constructors", 190, true),
            ("table constructors", 197, false),
            ("calls", 190, true),
            ("calls", 197, false),
            ("right-associative concatenation", 190, true),
            ("right-associative concatenation", 197, false),
            ("unary minus", 190, true),
            ("unary minus", 197, false),
        ];
        let shapes = shapes();
        for (name, depth, loads) in cases {
            let shape = shapes.iter().find(|s| s.name == *name).expect("shape");
            let source = (shape.build)(*depth);
            lua.enter(|ctx| ctx.set_global("SRC", ctx.str(&source)));
            let r = eval_ok(
                &mut lua,
                "local f, e = load(SRC) SRC = nil return f ~= nil, e",
            );
            assert_eq!(r[0] == "true", *loads, "{name} at depth {depth}: {r:?}");
        }
    });
}

/// Long left-associative chains and long sequences are not nesting: they
/// compile and run at 100 000 terms (as in PUC).
#[test]
fn long_chains_compile_and_run() {
    on_small_stack(|| {
        const N: usize = 100_000;
        let mut lua = new_lua();
        let cases: Vec<(String, &str)> = vec![
            (format!("return 1{}", "+1".repeat(N - 1)), "100000"),
            (format!("return 1{}", "-1".repeat(N - 1)), "-99998"),
            (format!("local x = 2 return x{}", "*1".repeat(N)), "2"),
            (
                format!(
                    "local a = setmetatable({{}}, {{__index = function(t) return t end}}) return a{} == a",
                    ".b".repeat(N)
                ),
                "true",
            ),
            (
                format!("local a = {{}} a[1] = a return a{} == a", "[1]".repeat(N)),
                "true",
            ),
            (
                format!(
                    "local function f() return f end return f{} == f",
                    "()".repeat(N)
                ),
                "true",
            ),
            (
                format!(
                    "local o = {{}} function o:m() return self end return o{} == o",
                    ":m()".repeat(N)
                ),
                "true",
            ),
            (format!("local a = 1 return a{}", " and a".repeat(N)), "1"),
            (
                format!("local a = false return a{} or 7", " or a".repeat(N)),
                "7",
            ),
            (format!("return 1 < 2{}", " == true".repeat(N)), "true"),
            (
                format!("local t = {{{}}} return #t", "1,".repeat(N)),
                "100000",
            ),
            (
                format!("local x = 0 {} return x", "x = x + 1 ".repeat(N)),
                "100000",
            ),
            (
                format!(
                    "local x, r = {N}, 0 if x == 0 then r = 0 {} else r = -1 end return r",
                    (1..N)
                        .map(|i| format!("elseif x == {i} then r = {i} "))
                        .collect::<String>()
                ),
                "-1",
            ),
            (
                format!("return '{}'", "x".repeat(1_000_000))
                    .replace("'", "\"")
                    .len()
                    .to_string(),
                "",
            ),
        ];
        for (source, expected) in cases.iter().filter(|(_, e)| !e.is_empty()) {
            let r = eval_ok(&mut lua, source);
            assert_eq!(r, [*expected], "{}", short(source));
        }
        // A long string and a long comment.
        let long = format!(
            "--[[{}]] return #[[{}]]",
            "c".repeat(1_000_000),
            "x".repeat(1_000_000)
        );
        assert_eq!(eval_ok(&mut lua, &long), ["1000000"]);
        // A syntax error at the end of a long chain: the partial tree is dropped.
        let broken = format!("return 1{} +", "+1".repeat(N));
        let e = lua.load(broken.as_bytes(), "=input").err().expect("error");
        assert!(
            e.message_lossy().contains("unexpected symbol near <eof>"),
            "{e}"
        );
        assert_usable(&mut lua);
    });
}

/// Register and count limits give PUC's errors.
#[test]
fn compiler_limits_are_errors() {
    on_small_stack(|| {
        let mut lua = new_lua();
        let cases: Vec<(String, &str)> = vec![
            (
                format!("return {}1", "1, ".repeat(300)),
                "function or expression needs too many registers",
            ),
            (
                format!("local function f(...) end f({}1)", "1, ".repeat(300)),
                "function or expression needs too many registers",
            ),
            (
                format!(
                    "local {} = 1",
                    (0..300)
                        .map(|i| format!("v{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "too many local variables",
            ),
        ];
        for (source, expected) in &cases {
            let e = lua
                .load(source.as_bytes(), "=input")
                .err()
                .unwrap_or_else(|| panic!("loaded: {}", short(source)));
            assert!(
                e.message_lossy().contains(expected),
                "{}: {e}",
                short(source)
            );
        }
        assert_usable(&mut lua);
    });
}

// ---------------------------------------------------------------------------
// Runtime recursion

/// Each program returns `pcall(...)`'s results for a runaway recursion; the
/// message must name a stack overflow.
#[test]
fn runaway_recursion_is_a_catchable_stack_overflow() {
    on_small_stack(|| {
        let mut lua = new_lua();
        let programs = [
            "local function f() return 1 + f() end return pcall(f)",
            "local function f(...) return 1 + f(..., 1) end return pcall(f)",
            "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) \
             return pcall(function() return t.x end)",
            "local t = setmetatable({}, {__newindex = function(t, k, v) t[k] = v end}) \
             return pcall(function() t.x = 1 end)",
            "local mt = {} mt.__add = function(a, b) return a + b end \
             local a = setmetatable({}, mt) return pcall(function() return a + 1 end)",
            "local mt = {} mt.__concat = function(a, b) return a .. b end \
             local a = setmetatable({}, mt) return pcall(function() return a .. 'x' end)",
            "local mt = {} mt.__lt = function(a, b) return a < b end \
             local a = setmetatable({}, mt) return pcall(function() return a < a end)",
            "local mt = {} mt.__eq = function(a, b) return a == b end \
             local a, b = setmetatable({}, mt), setmetatable({}, mt) \
             return pcall(function() return a == b end)",
            "local mt = {} mt.__len = function(a) return #a end \
             local a = setmetatable({}, mt) return pcall(function() return #a end)",
            "local mt = {} mt.__unm = function(a) return -a end \
             local a = setmetatable({}, mt) return pcall(function() return -a end)",
            "local mt = {} mt.__call = function(self) return (self()) end \
             local a = setmetatable({}, mt) return pcall(a)",
            "local mt = {} mt.__close = function() local x <close> = setmetatable({}, mt) end \
             return pcall(function() local x <close> = setmetatable({}, mt) end)",
            "local t = setmetatable({}, {}) \
             getmetatable(t).__tostring = function(self) return tostring(self) end \
             return pcall(tostring, t)",
            "local function f() return coroutine.wrap(f)() end return pcall(f)",
            "local function f() local ok, e = coroutine.resume(coroutine.create(f)) \
             if not ok then error(e, 0) end return e end return pcall(f)",
        ];
        for program in programs {
            let r = eval_ok(&mut lua, program);
            assert_eq!(
                r.first().map(String::as_str),
                Some("false"),
                "{program}: {r:?}"
            );
            let message = r.get(1).cloned().unwrap_or_default();
            assert!(
                message.contains("stack overflow") || message.contains("error in error handling"),
                "{program}: {message}"
            );
            assert_usable(&mut lua);
        }
        // The plain case of the core issue, with PUC's message.
        let r = eval_ok(
            &mut lua,
            "local function f() return 1 + f() end return pcall(f)",
        );
        assert_eq!(r[0], "false");
        assert!(r[1].starts_with("input:1: stack overflow"), "{}", r[1]);
        // Uncaught, seen from Rust.
        let e = eval_err(&mut lua, "local function f() return 1 + f() end f()");
        assert_eq!(e.kind, ErrorKind::Runtime);
        assert!(e.message_lossy().contains("stack overflow"), "{e}");
        assert_usable(&mut lua);
        // xpcall recursing through its own handler ends (PUC: true, false, true).
        let r = eval_ok(
            &mut lua,
            "local function f() return (xpcall(f, f)) end return xpcall(f, f)",
        );
        assert_eq!(r.len(), 2, "{r:?}");
        // Recursion that catches every level ends normally.
        let r = eval_ok(
            &mut lua,
            "local n = 0 local function f() n = n + 1 pcall(f) end f() return n > 100",
        );
        assert_eq!(r, ["true"]);
        assert_usable(&mut lua);
    });
}

/// PUC's MAXTAGLOOP: `__index`/`__newindex` chains of tables longer than
/// 2000 are "possible loop" errors, including a table that is its own
/// `__index`.
#[test]
fn index_chains_too_long() {
    on_small_stack(|| {
        let mut lua = new_lua();
        let r = eval_ok(
            &mut lua,
            "local t = {} for i = 1, 100000 do t = setmetatable({}, {__index = t}) end \
             return pcall(function() return t.x end)",
        );
        assert_eq!(
            r,
            ["false", "input:1: '__index' chain too long; possible loop"]
        );
        let r = eval_ok(
            &mut lua,
            "local t = {} for i = 1, 100000 do t = setmetatable({}, {__newindex = t}) end \
             return pcall(function() t.x = 1 end)",
        );
        assert_eq!(
            r,
            [
                "false",
                "input:1: '__newindex' chain too long; possible loop"
            ]
        );
        let r = eval_ok(
            &mut lua,
            "local t = {} setmetatable(t, {__index = t}) return pcall(function() return t.x end)",
        );
        assert_eq!(
            r,
            ["false", "input:1: '__index' chain too long; possible loop"]
        );
        // A chain of 1000 works.
        let r = eval_ok(
            &mut lua,
            "local t = {x = 5} for i = 1, 1000 do t = setmetatable({}, {__index = t}) end return t.x",
        );
        assert_eq!(r, ["5"]);
        assert_usable(&mut lua);
    });
}

// ---------------------------------------------------------------------------
// Errors of every kind

#[test]
fn error_with_every_type_of_value() {
    let mut lua = new_lua();
    let r = eval_ok(
        &mut lua,
        r#"
        return select(2, pcall(error, "x", 0)),
          select(2, pcall(error, "x", -1)),
          select(2, pcall(error, "x", 10000000000)),
          select(2, pcall(error, "x", 1.5)),
          select(2, pcall(error, "x", 0/0)),
          select(2, pcall(error)),
          select('#', pcall(error)),
          select(2, pcall(error, "x", 2)),
          select(2, pcall(error, "x", "1"))
        "#,
    );
    assert_eq!(
        r,
        [
            "x",
            "x",
            "x",
            "bad argument #2 to 'error' (number has no integer representation)",
            "bad argument #2 to 'error' (number has no integer representation)",
            "nil",
            "2",
            "input:9: x",
            "x"
        ]
    );
    let all = eval_ok(
        &mut lua,
        r#"
        local values = {n = 9, nil, true, false, 42, 1.5, "s", {}, print, coroutine.create(print)}
        local bad = 0
        for i = 1, values.n do
          local v = values[i]
          local ok, e = pcall(error, v)
          if ok or not rawequal(e, v) or select('#', pcall(error, v)) ~= 2 then bad = bad + 1 end
        end
        return bad
        "#,
    );
    assert_eq!(all, ["0"]);
    // Seen from Rust: how `lua.c` prints each error value.
    let expected: &[(&str, &str)] = &[
        ("error(nil)", "(error object is a nil value)"),
        ("error(true)", "(error object is a boolean value)"),
        ("error(42)", "42"),
        ("error(1.5)", "1.5"),
        ("error('s', 0)", "s"),
        ("error('s')", "input:1: s"),
        ("error({})", "(error object is a table value)"),
        ("error(print)", "(error object is a function value)"),
        (
            "error((coroutine.running()))",
            "(error object is a thread value)",
        ),
        (
            "error(setmetatable({}, {__tostring = function() return 'custom' end}))",
            "custom",
        ),
        (
            "error(setmetatable({}, {__tostring = function() error('nested') end}))",
            "",
        ),
        (
            "error(setmetatable({}, {__tostring = function() return {} end}))",
            "",
        ),
    ];
    for (source, message) in expected {
        let e = eval_err(&mut lua, source);
        if !message.is_empty() {
            assert_eq!(e.message_lossy(), *message, "{source}");
        }
        assert_usable(&mut lua);
    }
}

#[test]
fn errors_in_close_and_message_handlers() {
    let mut lua = new_lua();
    let cases: &[(&str, &[&str])] = &[
        (
            "return pcall(function() do local x <close> = setmetatable({}, \
             {__close = function() error('boom') end}) end end)",
            &["false", "input:1: boom"],
        ),
        (
            "return pcall(function() local x <close> = {} end)",
            &["false", "input:1: variable 'x' got a non-closable value"],
        ),
        (
            "return pcall(function() local x <close> = setmetatable({}, \
             {__close = function(_, e) error('second') end}) error('first') end)",
            &["false", "input:1: second"],
        ),
        (
            "local log = {} \
             local function c(name) return setmetatable({}, {__close = function(_, e) \
               log[#log + 1] = name .. ':' .. tostring(e) error(name, 0) end}) end \
             local ok, e = pcall(function() local a <close> = c('a') local b <close> = c('b') \
               error('body', 0) end) \
             return ok, e, log[1], log[2]",
            &["false", "a", "b:body", "a:b"],
        ),
        (
            "return xpcall(error, function(m) error('again') end)",
            &["false", "error in error handling"],
        ),
        (
            "return xpcall(error, function(m) return 1 + nil end, 'x')",
            &["false", "error in error handling"],
        ),
        (
            "return pcall(xpcall, error, nil)",
            &[
                "false",
                "bad argument #2 to 'xpcall' (function expected, got nil)",
            ],
        ),
        (
            "return xpcall(error, function(m) return 'handled: ' .. m end, 'x', 0)",
            &["false", "handled: x"],
        ),
        (
            "local co = coroutine.wrap(function() local x <close> = setmetatable({}, \
             {__close = function() error('in close') end}) coroutine.yield(1) end) \
             co() return pcall(co)",
            &["false", "input:1: in close"],
        ),
        (
            "local co = coroutine.create(function() local x <close> = setmetatable({}, \
             {__close = function() error('closing', 0) end}) coroutine.yield(1) end) \
             coroutine.resume(co) return coroutine.close(co)",
            &["false", "closing"],
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(&eval_ok(&mut lua, source), expected, "{source}");
        assert_usable(&mut lua);
    }
}

/// A state whose warnings are on and collected in the returned list.
fn lua_with_warnings() -> (Lua, Rc<RefCell<Vec<String>>>) {
    let lua = new_lua();
    let warnings = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = Rc::clone(&warnings);
    lua.enter(|ctx| {
        let mut w = ctx.state.warnings.borrow_mut();
        w.on = true;
        w.sink = Some(Box::new(move |m: &[u8]| {
            sink.borrow_mut()
                .push(String::from_utf8_lossy(m).into_owned())
        }));
    });
    (lua, warnings)
}

#[test]
fn errors_in_gc_become_warnings() {
    let (mut lua, warnings) = lua_with_warnings();
    let r = eval_ok(
        &mut lua,
        "setmetatable({}, {__gc = function() error('in gc') end}) collectgarbage() \
         setmetatable({}, {__gc = function() local function f() return 1 + f() end f() end}) \
         collectgarbage() return 'after'",
    );
    assert_eq!(r, ["after"]);
    lua.gc_collect();
    let got = warnings.borrow().clone();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], "error in __gc (input:1: in gc)");
    assert!(
        got[1].starts_with("error in __gc (") && got[1].contains("stack overflow"),
        "{}",
        got[1]
    );
    assert_usable(&mut lua);
}

/// PUC (`luaE_warnerror`): a non-string error object in `__gc` is reported
/// as "error object is not a string".
#[test]
fn gc_error_with_a_table_value_warns_like_puc() {
    let (mut lua, warnings) = lua_with_warnings();
    eval_ok(
        &mut lua,
        "setmetatable({}, {__gc = function() error({}) end}) collectgarbage()",
    );
    lua.gc_collect();
    let got = warnings.borrow().clone();
    assert_eq!(got, ["error in __gc (error object is not a string)"]);
}

/// Calling values that are not functions from Rust, and odd chunk names.
#[test]
fn bad_inputs_from_rust() {
    let mut lua = new_lua();
    for which in 0..4 {
        let r = lua.call_with(
            |ctx| {
                let callee = match which {
                    0 => Value::Nil,
                    1 => Value::Integer(1),
                    2 => Value::Table(ctx.new_table()),
                    _ => ctx.str("f"),
                };
                (callee, vec![Value::Nil; 3])
            },
            |_, _| (),
        );
        let e = r.expect_err("calling a non-function fails");
        assert!(e.message_lossy().contains("attempt to call"), "{e}");
        assert_usable(&mut lua);
    }
    // Many arguments.
    let f = lua
        .load(b"return select('#', ...)", "=input")
        .expect("load");
    let r = lua
        .call_with(
            |ctx| (ctx.fetch(&f), vec![Value::Integer(1); 10_000]),
            |_, v| v.to_vec().len(),
        )
        .expect("call");
    assert_eq!(r, 1);
    for name in [
        &b""[..],
        b"=",
        b"@",
        b"\0",
        b"=\xff\xfe",
        b"@\n\n",
        &[b'x'; 10_000][..],
        &[b'='; 10_000][..],
    ] {
        let e = lua.load(b"x = = 1", name).err().expect("syntax error");
        assert!(!e.message.is_empty());
        let e = lua.exec(b"error('x')", name).expect_err("runtime error");
        assert!(e.message_lossy().ends_with('x'));
    }
    assert_usable(&mut lua);
}

// ---------------------------------------------------------------------------
// Bad arguments to every library function

/// Every base and coroutine function, called with no argument, each odd
/// value, each pair and a sample of triples: never a panic, the state
/// usable afterwards. `dofile`/`loadfile` without a file name read stdin,
/// so they only get string names.
#[test]
fn library_functions_with_odd_arguments() {
    on_small_stack(|| {
        let mut lua = new_lua();
        lua.enter(|ctx| ctx.set_global("LONG", ctx.str(&"x".repeat(10_000))));
        let r = eval_ok(
            &mut lua,
            r##"
            local names, funcs = {}, {}
            for k, v in pairs(_G) do
              if type(v) == "function" then names[#names + 1] = k funcs[k] = v end
            end
            for k, v in pairs(coroutine) do
              names[#names + 1] = "coroutine." .. k
              funcs["coroutine." .. k] = v
            end
            -- Deterministic order.
            for i = 2, #names do
              local j, v = i, names[i]
              while j > 1 and names[j - 1] > v do names[j] = names[j - 1] j = j - 1 end
              names[j] = v
            end
            local weird = setmetatable({1, 2}, {
              __index = error, __newindex = error, __len = error, __tostring = error,
              __name = "Weird", __metatable = "locked", __call = error, __eq = error,
              __lt = error, __le = error, __concat = error, __close = error, __pairs = error,
              __unm = error, __add = error,
            })
            local named = setmetatable({}, {__name = 42, __tostring = function() return {} end})
            local dead = coroutine.create(function() end) coroutine.resume(dead)
            local suspended = coroutine.create(function() coroutine.yield() end)
            coroutine.resume(suspended)
            local values = {
              n = 0,
            }
            local function add(v) values.n = values.n + 1 values[values.n] = v end
            add(nil) add(true) add(false) add(0) add(1) add(-1) add(2) add(3) add(1.5)
            add(-0.0) add(0/0) add(1/0) add(-1/0) add(9223372036854775807)
            add(-9223372036854775807 - 1) add(2^53) add(2^63) add(1e308) add("")
            add("x") add("10") add("0x10") add(" 1e1 ") add("\0") add("n") add("count")
            add("step") add("collect") add("isrunning") add("generational")
            add("incremental") add("*") add("#") add(LONG)
            add({}) add({1, 2, 3}) add(weird) add(named) add(print) add(error)
            add(dead) add(suspended) add(coroutine.running())
            local calls, results = 0, 0
            local function try(name, f, n, a, b, c)
              if (name == "dofile" or name == "loadfile") and type(a) ~= "string" then return end
              calls = calls + 1
              local r = {pcall(f, a, b, c)}
              if type(r[1]) == "boolean" then results = results + 1 end
            end
            local seed = 12345
            local function random(n)
              seed = seed * 6364136223846793005 + 1442695040888963407
              return (seed >> 33) % n + 1
            end
            for _, name in ipairs(names) do
              local f = funcs[name]
              try(name, f, 0)
              for i = 1, values.n do
                try(name, f, 1, values[i])
                for j = 1, values.n do try(name, f, 2, values[i], values[j]) end
              end
              for _ = 1, 200 do
                try(name, f, 3, values[random(values.n)], values[random(values.n)],
                    values[random(values.n)])
              end
            end
            collectgarbage("restart")
            LONG = nil
            collectgarbage("incremental")
            return #names, calls == results, calls
            "##,
        );
        assert!(r[0].parse::<usize>().unwrap() >= 30, "{r:?}");
        assert_eq!(r[1], "true", "{r:?}");
        assert!(r[2].parse::<usize>().unwrap() > 30_000, "{r:?}");
        assert_usable(&mut lua);
    });
}

// ---------------------------------------------------------------------------
// Memory

#[test]
fn memory_limit_gives_not_enough_memory() {
    let mut lua = new_lua();
    let base = lua.memory_used();
    lua.set_memory_limit(Some(base + (16 << 20)));
    let e = eval_err(&mut lua, "local t = {} for i = 1, 1e9 do t[i] = {i} end");
    assert_eq!(e.kind, ErrorKind::Memory, "{e}");
    assert_eq!(e.message_lossy(), "not enough memory");
    // Caught by pcall inside Lua.
    let r = eval_ok(
        &mut lua,
        "local t = {} return pcall(function() for i = 1, 1e9 do t[i] = 'str' .. i end end)",
    );
    assert_eq!(r, ["false", "not enough memory"]);
    // Many 1 KB strings.
    let r = eval_ok(
        &mut lua,
        "local s = '' for i = 1, 10 do s = s .. 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' end \
         local parts = {} \
         return pcall(function() for i = 1, 1e9 do parts[i] = s .. i end end)",
    );
    assert_eq!(r, ["false", "not enough memory"]);
    // Under the limit, small programs still run.
    lua.gc_collect();
    assert_usable(&mut lua);
    // Lift the limit: a 32 MB table now fits.
    lua.set_memory_limit(None);
    lua.gc_collect();
    let r = eval_ok(
        &mut lua,
        "local t = {} for i = 1, 1e6 do t[i] = {} end return #t",
    );
    assert_eq!(r, ["1000000"]);
    assert_usable(&mut lua);
}

/// A string that doubles 40 times under a 16 MB limit must stop with "not
/// enough memory" once it passes the limit (as PUC does), not try to
/// allocate a terabyte.
#[test]
fn memory_limit_stops_a_doubling_string() {
    let mut lua = new_lua();
    let base = lua.memory_used();
    lua.set_memory_limit(Some(base + (16 << 20)));
    let r = eval_ok(
        &mut lua,
        "local s = 'x' return pcall(function() for i = 1, 40 do s = s .. s end end)",
    );
    assert_eq!(r, ["false", "not enough memory"]);
    lua.set_memory_limit(None);
    lua.gc_collect();
    assert_usable(&mut lua);
}

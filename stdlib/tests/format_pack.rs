//! Saturn-only behaviour of `string.format`, `string.pack`,
//! `string.packsize` and `string.unpack`: a `__tostring` called by `%s`
//! may yield, huge results go through the memory limit, and random
//! formats and arguments always end in a result or a Lua error.

mod common;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{check, new_state};
use saturn_vm::state::{Lua, Stashed};
use saturn_vm::value::Value;

#[test]
fn tostring_called_by_percent_s_may_yield() {
    check(
        r#"
        local obj = setmetatable({}, {__tostring = function() return coroutine.yield("asking") end})
        local co = coroutine.wrap(function()
          return string.format("<%5s|%d|%s|%-4s|%.1s>", obj, 7, "plain", obj, obj)
        end)
        print(co())
        print(co("ab"))
        print(co("cd"))
        print(co("xyz"))
        "#,
        "asking\nasking\nasking\n<   ab|7|plain|cd  |x>\n",
    );
}

#[test]
fn a_yielded_tostring_result_still_meets_the_checks() {
    check(
        r#"
        local obj = setmetatable({}, {__tostring = function() return coroutine.yield() end})
        local co = coroutine.wrap(function()
          return pcall(string.format, "%10s", obj)
        end)
        co()
        print(co("a\0b"))
        co = coroutine.wrap(function() return pcall(string.format, "%s %d", obj, {}) end)
        co()
        print(co(42))
        co = coroutine.wrap(function() return pcall(string.format, "%s", obj) end)
        co()
        print(co({}))
        "#,
        "false\tbad argument #2 to 'string.format' (string contains zeros)\n\
         false\tbad argument #3 to 'string.format' (number expected, got table)\n\
         false\t'__tostring' must return a string\n",
    );
}

#[test]
fn many_tostring_calls_in_one_format() {
    check(
        r#"
        local n = 0
        local obj = setmetatable({}, {__tostring = function() n = n + 1; return n end})
        local function objects(count, ...)
          if count == 0 then return ... end
          return objects(count - 1, obj, ...)
        end
        local s = string.format(string.rep("%s,", 2000), objects(2000))
        print(n, #s, s:sub(1, 10), s:sub(-6))
        "#,
        "2000\t8893\t1,2,3,4,5,\t,2000,\n",
    );
}

#[test]
fn huge_pack_results_go_through_the_memory_limit() {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(Rc::clone(&output) as Rc<RefCell<Vec<u8>>>);
    lua.set_memory_limit(Some(16 << 20));
    lua.exec(
        br#"
        print(pcall(string.pack, "c2000000000", ""))
        print(pcall(string.pack, "c1000000000c1000000000", "", ""))
        print(#string.pack("c1000", "x"))
        print(pcall(string.unpack, "c2000000000", "short"))
        local big = string.rep("x", 1 << 18)
        local function bigs(n, ...) if n == 0 then return ... end return bigs(n - 1, big, ...) end
        local function size_or_error(ok, r) print(ok, ok and #r or r) end
        size_or_error(pcall(string.format, string.rep("%s", 100), bigs(100)))
        size_or_error(pcall(string.format, string.rep("%q", 70), bigs(70)))
        print(#string.format("%s%s", big, big))
        "#,
        "=input",
    )
    .unwrap_or_else(|e| panic!("{}", e.message_lossy()));
    assert_eq!(
        String::from_utf8_lossy(&output.borrow()),
        "false\tnot enough memory\nfalse\tnot enough memory\n1000\n\
         false\tbad argument #2 to 'string.unpack' (data string too short)\n\
         false\tnot enough memory\nfalse\tnot enough memory\n524288\n"
    );
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Random bytes, mostly from `alphabet`.
    fn text(&mut self, alphabet: &[u8], max_len: usize) -> Vec<u8> {
        let len = self.below(max_len + 1);
        (0..len)
            .map(|_| {
                if self.below(8) == 0 {
                    self.next() as u8
                } else {
                    *self.pick(alphabet)
                }
            })
            .collect()
    }
}

/// An argument to generate.
#[derive(Clone, Debug)]
enum Arg {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
    /// One of the objects made by the setup chunk.
    Sample(i64),
}

const SETUP: &[u8] = br#"
    local samples = {
      {}, print, coroutine.create(print),
      setmetatable({}, {__tostring = function() return "meta" end}),
      setmetatable({}, {__tostring = function() return "with\0zero" end}),
      setmetatable({}, {__tostring = function() return 12.5 end}),
      setmetatable({}, {__tostring = function() return {} end}),
      setmetatable({}, {__tostring = function() error("boom") end}),
      setmetatable({}, {__name = "Named"}),
    }
    return string.format, string.pack, string.packsize, string.unpack, samples
"#;

const SAMPLE_COUNT: usize = 9;

fn random_arg(rng: &mut Rng) -> Arg {
    const INTS: [i64; 8] = [0, 1, -1, 255, 65536, i64::MAX, i64::MIN, 1 << 40];
    const FLOATS: [f64; 10] = [
        0.0,
        -0.0,
        1.5,
        0.1,
        1e308,
        5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -123456.789,
    ];
    match rng.below(8) {
        0 => Arg::Nil,
        1 => Arg::Bool(rng.below(2) == 0),
        2 => Arg::Int(*rng.pick(&INTS)),
        3 => Arg::Int(rng.next() as i64 >> rng.below(64)),
        4 => Arg::Float(*rng.pick(&FLOATS)),
        5 => Arg::Float(f64::from_bits(rng.next())),
        6 => Arg::Str(rng.text(b"0123456789.e-x abc\0", 12)),
        _ => Arg::Sample(rng.below(SAMPLE_COUNT) as i64 + 1),
    }
}

/// The functions under test and the sample objects.
struct Subjects {
    format: Stashed,
    pack: Stashed,
    packsize: Stashed,
    unpack: Stashed,
    samples: Stashed,
}

impl Subjects {
    fn new(lua: &mut Lua) -> Subjects {
        let setup = lua.load(SETUP, "=setup").unwrap_or_else(|e| panic!("{e}"));
        let mut values = lua
            .call(&setup, |_| Vec::new())
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter();
        let mut next = || values.next().expect("setup returns five values");
        Subjects {
            format: next(),
            pack: next(),
            packsize: next(),
            unpack: next(),
            samples: next(),
        }
    }
}

/// Calls `function` with `first` (a string) then `args`; the results as
/// display bytes, or the error message.
fn call(
    lua: &mut Lua,
    subjects: &Subjects,
    function: &Stashed,
    first: &[u8],
    args: &[Arg],
) -> Result<Vec<Vec<u8>>, String> {
    lua.call_with(
        |ctx| {
            let samples = match ctx.fetch(&subjects.samples) {
                Value::Table(t) => Some(t),
                _ => None,
            };
            let mut values = vec![Value::String(ctx.intern(first))];
            values.extend(args.iter().map(|arg| match arg {
                Arg::Nil => Value::Nil,
                Arg::Bool(b) => Value::Boolean(*b),
                Arg::Int(i) => Value::Integer(*i),
                Arg::Float(f) => Value::Number(*f),
                Arg::Str(s) => Value::String(ctx.intern(s)),
                Arg::Sample(i) => samples.map_or(Value::Nil, |t| t.get_int(ctx.mc, *i)),
            }));
            (ctx.fetch(function), values)
        },
        |_, results| results.iter().map(|v| v.to_display_bytes()).collect(),
    )
    .map_err(|e| e.message_lossy())
}

/// Thousands of random formats with random arguments: every call must
/// return or raise a Lua error, quickly, and a packed result must have
/// the size `packsize` announces and unpack again.
#[test]
fn random_formats_and_arguments_end_in_results_or_lua_errors() {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(output);
    lua.set_memory_limit(Some(256 << 20));
    let subjects = Subjects::new(&mut lua);
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let started = Instant::now();
    let mut outcomes = [[0usize; 2]; 3];

    for _ in 0..10000 {
        let format = rng.text(b"%%%-+ #0123456789.cdiouxXaAeEfgGqspl*", 14);
        let args: Vec<Arg> = (0..rng.below(5)).map(|_| random_arg(&mut rng)).collect();
        let result = call(&mut lua, &subjects, &subjects.format, &format, &args);
        outcomes[0][result.is_ok() as usize] += 1;
    }

    for _ in 0..5000 {
        let format = rng.text(b"<>=!bBhHlLjJTiIfdnszxXc0123456789  ", 10);
        let args: Vec<Arg> = (0..rng.below(6)).map(|_| random_arg(&mut rng)).collect();
        let packed = call(&mut lua, &subjects, &subjects.pack, &format, &args);
        let size = call(&mut lua, &subjects, &subjects.packsize, &format, &[]);
        outcomes[1][packed.is_ok() as usize] += 1;
        if let Ok(packed) = &packed {
            let packed = &packed[0];
            if let Ok(size) = &size {
                assert_eq!(size[0], packed.len().to_string().into_bytes(), "{format:?}");
            }
            let back = call(
                &mut lua,
                &subjects,
                &subjects.unpack,
                &format,
                &[Arg::Str(packed.clone())],
            );
            let back = back.unwrap_or_else(|e| panic!("unpack {format:?} {packed:?}: {e}"));
            let next = back.last().expect("unpack returns the next position");
            assert_eq!(
                *next,
                (packed.len() + 1).to_string().into_bytes(),
                "{format:?}"
            );
        }
        let data = rng.text(b"\0\x01\xffabc", 40);
        let position = Arg::Int(rng.below(50) as i64 - 25);
        let unpacked = call(
            &mut lua,
            &subjects,
            &subjects.unpack,
            &format,
            &[Arg::Str(data), position],
        );
        outcomes[2][unpacked.is_ok() as usize] += 1;
    }

    // Both outcomes are common, or the generator is not exercising much.
    for [errors, results] in outcomes {
        assert!(errors > 300 && results > 300, "{outcomes:?}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

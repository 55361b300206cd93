//! Saturn-only behaviour of `require` and binary chunks: searchers and
//! loaders may yield (PUC calls them from C: "attempt to yield across a
//! C-call boundary"), and `load` survives any corruption of a binary chunk.

mod common;
use common::{check, new_state};

use std::cell::RefCell;
use std::rc::Rc;

use saturn_vm::executor::{Executor, StepResult};
use saturn_vm::state::{Context, Lua};
use saturn_vm::thread::Thread;
use saturn_vm::value::Value;

#[test]
fn a_loader_may_yield_inside_a_coroutine() {
    check(
        r#"
        package.preload.slow = function(name, data)
          local got = coroutine.yield("loading " .. name .. " " .. data)
          return {value = got}
        end
        local co = coroutine.wrap(function()
          local m, data = require("slow")
          return m.value, data, package.loaded.slow == m
        end)
        print(co())
        print(co(42))
        print(require("slow").value)
        "#,
        "loading slow :preload:\n42\t:preload:\ttrue\n42\n",
    );
}

#[test]
fn a_searcher_may_yield_and_its_reason_is_kept() {
    check(
        r#"
        package.searchers[#package.searchers + 1] = function(name)
          local answer = coroutine.yield("searching " .. name)
          if answer == "found" then
            return function(n, extra) return n .. "!" .. extra end, "extra"
          end
          return "\n\tno luck for " .. name
        end
        local co = coroutine.wrap(function(name) return pcall(require, name) end)
        print(co("a.b"))
        print(co("found"))
        co = coroutine.wrap(function(name) return pcall(require, name) end)
        print(co("zz"))
        local ok, msg = co("nothing")
        print(ok, msg:sub(-14) == "no luck for zz")
        "#,
        "searching a.b\ntrue\ta.b!extra\textra\nsearching zz\nfalse\ttrue\n",
    );
}

#[test]
fn an_erroring_loader_leaves_nothing_in_package_loaded() {
    check(
        r#"
        package.preload.bad = function() error("broken", 0) end
        print(pcall(require, "bad"))
        print(package.loaded.bad)
        package.preload.bad = function() return false end
        print(require("bad"), package.loaded.bad)
        "#,
        "false\tbroken\nnil\nfalse\tfalse\n",
    );
}

#[test]
fn dumped_functions_keep_working_after_a_yield() {
    check(
        r#"
        local f = load(string.dump(function(...)
          local t = {}
          for i, v in ipairs({...}) do t[i] = coroutine.yield(v) end
          return t[1] .. t[2]
        end))
        local co = coroutine.wrap(f)
        print(co("a", "b"))
        print(co("x"))
        print(co("y"))
        "#,
        "a\nb\nxy\n",
    );
}

/// Programs whose dumps are corrupted: between them they use every kind
/// of instruction the compiler emits.
const SOURCES: &[&str] = &[
    r#"
    local t, n = {}, 0
    for i = 1, 10 do t[i] = i * 2; n = n + t[i] % 3 end
    for k, v in pairs(t) do n = n + (k // 2) - v / 4 end
    local s = "x" .. n .. tostring(#t)
    return s, n > 3, n <= 7, -n, ~3, 1 << 4, n ~= n, not t
    "#,
    r#"
    local function f(a, b, ...)
      local c <const> = 10
      local up = a
      local n = select('#', ...)
      local g = function(x) up = up + x; return up, n end
      if a == 1 then return g(b) elseif a < 0 then return ... end
      return f(a - 1, b, ...), g(2)
    end
    return f(3, 4, "x", "y")
    "#,
    r#"
    local obj = setmetatable({v = 1}, {__index = function(t, k) return k end,
      __add = function(a, b) return 99 end, __close = function() end})
    do
      local c <close> = obj
      obj.w = obj.v + 1.5
      obj[1], obj[2] = obj.z, obj + 1
    end
    local r = {obj:method(), obj.v == 1, obj.v ~= 2.5, obj.v >= 1}
    ::again::
    if #r < 8 then r[#r + 1] = true goto again end
    while r[1] and #r > 3 do r[#r] = nil end
    repeat r[#r + 1] = false until #r > 5
    return pcall(error, {r})
    "#,
    r#"
    local co = coroutine.wrap(function(a, ...)
      local t = {...}
      for i = 1, #t do a = a .. coroutine.yield(t[i]) end
      return a
    end)
    local parts = {co("x", 1, 2, 3)}
    for i = 1, 3 do parts[#parts + 1] = co(i // 2 | 1 ~ i) end
    local s = ("%d"):rep(2)
    local cmp = 1 < 2.5 and "lt" or 3 >= 4 and "ge" or "no"
    local bits = (7 & 3) | (1 << 62) ~ (-1 >> 60)
    return s, cmp, bits, #parts, select(-1, ...), 2^0.5, -7 // 2, -7 % 3, 7.5 // 2
    "#,
];

/// xorshift64*: a small seeded generator (no crate needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to four random corruptions of `chunk`.
fn mutate(rng: &mut Rng, chunk: &[u8]) -> Vec<u8> {
    let mut c = chunk.to_vec();
    for _ in 0..1 + rng.below(4) {
        if c.is_empty() {
            break;
        }
        let at = rng.below(c.len());
        match rng.below(7) {
            0 => c[at] ^= 1 << rng.below(8),
            1 => c[at] = rng.next() as u8,
            2 => c[at] = c[at].wrapping_add(1),
            3 => c.truncate(at),
            4 => c.insert(at, rng.next() as u8),
            5 => {
                let end = (at + 1 + rng.below(8)).min(c.len());
                c.drain(at..end);
            }
            _ => {
                let end = (at + 1 + rng.below(16)).min(c.len());
                let piece = c[at..end].to_vec();
                let to = rng.below(c.len());
                c.splice(to..to, piece);
            }
        }
    }
    c
}

/// Runs `function(args)` on a fresh thread for at most a bounded amount of
/// work; `None` if it did not finish (a corrupted loop may never end).
fn run_bounded<'gc>(
    ctx: Context<'gc>,
    function: Value<'gc>,
    args: &[Value<'gc>],
) -> Option<Result<Vec<Value<'gc>>, Value<'gc>>> {
    let executor = Executor::start(ctx, Thread::new(ctx.mc), function, args);
    for _ in 0..50 {
        let mut fuel = 2_000;
        if executor.step(ctx, &mut fuel) == StepResult::Finished {
            return executor.take_result(ctx.mc);
        }
    }
    None
}

/// What loading one corrupted chunk with `load` gave.
#[derive(Default)]
struct Tally {
    refused: usize,
    loaded: usize,
    ran: usize,
}

fn load_and_run(lua: &Lua, chunk: &[u8], tally: &mut Tally) {
    lua.enter(|ctx| {
        let env = ctx.new_table();
        for name in [
            "pairs",
            "ipairs",
            "select",
            "setmetatable",
            "tostring",
            "pcall",
            "error",
        ] {
            env.set_str(ctx.mc, ctx.intern(name.as_bytes()), ctx.get_global(name));
        }
        let args = [
            ctx.get_global("load"),
            Value::String(ctx.intern(chunk)),
            ctx.str("=fuzz"),
            ctx.str("b"),
            Value::Table(env),
        ];
        let loaded = run_bounded(ctx, ctx.get_global("pcall"), &args)
            .expect("load finishes")
            .expect("pcall catches");
        assert!(
            matches!(loaded.first(), Some(Value::Boolean(true))),
            "load raised"
        );
        match loaded.get(1) {
            Some(f @ Value::LuaFunction(_)) => {
                tally.loaded += 1;
                // Errors are fine, panics are not.
                if let Some(result) = run_bounded(ctx, ctx.get_global("pcall"), &[*f]) {
                    assert!(result.is_ok(), "pcall catches");
                    tally.ran += 1;
                }
            }
            _ => {
                let Some(Value::String(message)) = loaded.get(2) else {
                    panic!("load returned neither a function nor a message");
                };
                let text = String::from_utf8_lossy(message.as_bytes()).into_owned();
                assert!(
                    text.starts_with("fuzz: bad binary format (")
                        || text == "attempt to load a text chunk (mode is 'b')",
                    "{text}"
                );
                tally.refused += 1;
            }
        }
    });
}

#[test]
fn corrupted_binary_chunks_load_or_fail_but_never_panic() {
    let mut lua = new_state(Rc::new(RefCell::new(Vec::new())));
    lua.set_memory_limit(Some(256 << 20));
    let mut chunks = Vec::new();
    for source in SOURCES {
        let proto = saturn_vm::compile::load_text(source.as_bytes(), b"=src").expect("compiles");
        chunks.push(saturn_vm::chunk::dump(&proto, false));
        chunks.push(saturn_vm::chunk::dump(&proto, true));
    }
    // FUZZ_SEED and FUZZ_ROUNDS explore further than the default run.
    let setting = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let mut rng = Rng(setting("FUZZ_SEED", 0x5eed_1234_abcd_0001));
    let mut tally = Tally::default();
    for round in 0..setting("FUZZ_ROUNDS", 10_000) {
        let chunk = &chunks[rng.below(chunks.len())];
        let corrupted = mutate(&mut rng, chunk);
        load_and_run(&lua, &corrupted, &mut tally);
        if round % 100 == 0 {
            lua.gc_collect();
        }
    }
    // Every prefix of a chunk is refused as truncated.
    for chunk in &chunks {
        for len in 0..chunk.len() {
            load_and_run(&lua, &chunk[..len], &mut tally);
        }
    }
    assert!(tally.refused > 1_000, "{} refused", tally.refused);
    assert!(tally.loaded > 100, "{} loaded", tally.loaded);
    assert!(tally.ran > 50, "{} ran", tally.ran);
}

/// A fresh directory for files a test writes.
fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("saturn-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

#[test]
fn binary_files_load_run_and_require() {
    let dir = scratch_dir("binary-files");
    let proto = saturn_vm::compile::load_text(
        b"local name, file = ... return {name = name, n = select('#', ...)}",
        b"@module.lua",
    )
    .expect("compiles");
    let chunk = saturn_vm::chunk::dump(&proto, false);
    std::fs::write(dir.join("binmod.lua"), &chunk).unwrap();
    let mut with_shebang = b"#!/usr/bin/env lua\n".to_vec();
    with_shebang.extend_from_slice(&chunk);
    std::fs::write(dir.join("shebang.luac"), &with_shebang).unwrap();
    let truncated = &chunk[..chunk.len() - 3];
    std::fs::write(dir.join("broken.luac"), truncated).unwrap();
    let path = dir.to_str().expect("a UTF-8 temporary directory");
    check(
        &format!(
            r#"
            local dir = "{path}"
            local m = dofile(dir .. "/binmod.lua")
            print(m.name, m.n)
            print(loadfile(dir .. "/shebang.luac")("x").name)
            print(loadfile(dir .. "/binmod.lua", "t"))
            local f, e = loadfile(dir .. "/broken.luac")
            print(f, e == dir .. "/broken.luac: bad binary format (truncated chunk)")
            package.path = dir .. "/?.lua"
            local r, file = require("binmod")
            print(r.name, r.n, file == dir .. "/binmod.lua")
            package.path = dir .. "/?.luac"
            local ok, msg = pcall(require, "broken")
            print(ok, msg == "error loading module 'broken' from file '" .. dir ..
              "/broken.luac':\n\t" .. dir .. "/broken.luac: bad binary format (truncated chunk)")
            "#
        ),
        "nil\t0\nx\nnil\tattempt to load a binary chunk (mode is 't')\nnil\ttrue\nbinmod\t2\ttrue\nfalse\ttrue\n",
    );
    let _ = std::fs::remove_dir_all(dir);
}

//! Saturn-only behaviour of the table, math and utf8 libraries: handlers
//! they call (sort comparators, `__lt`, `__index`, `__newindex`, `__len`)
//! run through the executor, so a coroutine may yield inside them (PUC Lua
//! raises "attempt to yield across a C-call boundary"); plus cases where
//! Lua 5.4.4 and 5.4.8 differ, which the differential corpus leaves out.

mod common;
use common::{check, new_state, run};

use std::cell::RefCell;
use std::rc::Rc;

use saturn_vm::compile::load_text;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

/// A driver that resumes `co` until it finishes, counting its yields.
const DRIVE: &str = r#"
local function drive(f, ...)
  local co = coroutine.create(f)
  local yields = 0
  local ok, a, b = coroutine.resume(co, ...)
  while coroutine.status(co) ~= "dead" do
    assert(ok, a)
    yields = yields + 1
    ok, a, b = coroutine.resume(co, a, b)
  end
  return yields, ok, a, b
end
"#;

fn with_driver(body: &str) -> String {
    format!("{DRIVE}\n{body}")
}

#[test]
fn yield_inside_a_sort_comparator() {
    check(
        &with_driver(
            r#"
            local t = {5, 3, 8, 1, 9, 2, 7, 4, 6, 0}
            local yields, ok = drive(function()
              table.sort(t, function(a, b) return coroutine.yield(a, b) end)
            end)
            -- the driver answers each yield with the pair it got, so the
            -- comparator's result is its first argument: truthy always
            print(ok, yields > 0)
            local u = {5, 3, 8, 1, 9, 2, 7, 4, 6, 0}
            local yields2 = drive(function()
              table.sort(u, function(a, b) coroutine.yield() return a > b end)
            end)
            print(yields2 > 0, table.concat(u, " "))
            "#,
        ),
        "false\ttrue\ntrue\t9 8 7 6 5 4 3 2 1 0\n",
    );
}

#[test]
fn yield_inside_lt_used_by_sort_and_by_math_max() {
    check(
        &with_driver(
            r#"
            local mt = {__lt = function(a, b) coroutine.yield("lt") return a.v < b.v end}
            local function obj(v) return setmetatable({v = v}, mt) end
            local t = {obj(4), obj(2), obj(5), obj(1), obj(3)}
            local yields = drive(function() table.sort(t) end)
            local out = {}
            for i = 1, #t do out[i] = t[i].v end
            print(yields > 0, table.concat(out, " "))
            local best
            yields = drive(function() best = math.max(obj(1), obj(7), obj(3)) end)
            print(yields, best.v)
            yields = drive(function() best = math.min(obj(6), obj(2), obj(9), obj(4)) end)
            print(yields, best.v)
            "#,
        ),
        "true\t1 2 3 4 5\n2\t7\n3\t2\n",
    );
}

#[test]
fn yield_inside_index_newindex_and_len_used_by_table_functions() {
    check(
        &with_driver(
            r#"
            local store = {}
            local proxy = setmetatable({}, {
              __index = function(_, k) coroutine.yield("get") return store[k] end,
              __newindex = function(_, k, v) coroutine.yield("set") store[k] = v end,
              __len = function() coroutine.yield("len") return #store end,
            })
            print(drive(function() table.insert(proxy, "a") end))
            print(drive(function() table.insert(proxy, "b") table.insert(proxy, 1, "c") end))
            print(table.concat(store, ","))
            print(drive(function() return table.concat(proxy, "-") end))
            print(drive(function() return table.unpack(proxy) end))
            print(drive(function() return table.remove(proxy, 1) end))
            print(table.concat(store, ","))
            local dest = {}
            print(drive(function() return table.move(proxy, 1, 2, 3, dest) == dest end))
            print(dest[3], dest[4])
            print(drive(function() table.sort(proxy, function(a, b) return a > b end) end))
            print(table.concat(store, ","))
            "#,
        ),
        // yields: insert = len + set; insert at 1 of 2 = len + 2 * (get +
        // set) + set; concat/unpack = len + 3 gets; remove(1) of 3 = len +
        // get + 2 * (get + set) + set; move of 2 = 2 gets; sort of 2 = len
        // + 2 gets + 2 sets (the comparator does not yield).
        "2\ttrue\tnil\tnil\n8\ttrue\tnil\tnil\nc,a,b\n4\ttrue\tc-a-b\tnil\n4\ttrue\tc\ta\n\
         7\ttrue\tc\tnil\na,b\n2\ttrue\ttrue\tnil\na\tb\n5\ttrue\tnil\tnil\nb,a\n",
    );
}

#[test]
fn errors_after_a_yield_inside_sort_are_caught_and_the_state_stays_usable() {
    check(
        &with_driver(
            r#"
            local t = {}
            for i = 1, 30 do t[i] = i end
            local yields, ok, err = drive(function()
              table.sort(t, function(a, b) coroutine.yield() return true end)
            end)
            print(ok, err)
            yields, ok, err = drive(function()
              return pcall(table.sort, {3, 2, 1}, function(a, b) coroutine.yield() error("stop", 0) end)
            end)
            print(ok, err)
            local u = {3, 1, 2}
            table.sort(u)
            print(table.concat(u, " "))
            "#,
        ),
        "false\tinput:18: invalid order function for sorting\ntrue\tfalse\n1 2 3\n",
    );
}

#[test]
fn sorting_large_arrays() {
    check(
        r#"
        local n = 100000
        local t = {}
        local seed = 7
        for i = 1, n do seed = (seed * 1103515245 + 12345) % 2147483648; t[i] = seed end
        table.sort(t)
        local ok = true
        for i = 2, n do if t[i - 1] > t[i] then ok = false end end
        print(ok, #t)
        -- floats and integers mixed, reversed input, many duplicates
        local u = {}
        for i = 1, n do u[i] = (n - i) % 1000 + (i % 2 == 0 and 0.5 or 0) end
        table.sort(u)
        ok = true
        for i = 2, n do if u[i - 1] > u[i] then ok = false end end
        print(ok, u[1], u[n])
        -- strings, and a comparator
        local s = {}
        for i = 1, 20000 do s[i] = tostring((i * 7919) % 20011) end
        table.sort(s, function(a, b) return a > b end)
        ok = true
        for i = 2, #s do if s[i - 1] < s[i] then ok = false end end
        print(ok)
        "#,
        "true\t100000\ntrue\t0.5\t999\ntrue\n",
    );
}

#[test]
fn invalid_order_functions_are_detected() {
    check(
        r#"
        local function attempt(n, cmp)
          local t = {}
          for i = 1, n do t[i] = (i * 13) % n end
          local ok, err = pcall(table.sort, t, cmp)
          return ok, err
        end
        print(attempt(100, function() return true end))
        print(attempt(1000, function(a, b) return a <= b end))
        -- an inconsistent comparator may also just give some order
        print((attempt(50, function(a, b) return (a + b) % 3 == 0 end)) ~= nil)
        -- NaN makes '<' inconsistent too
        local nan = {}
        for i = 1, 100 do nan[i] = (i % 3 == 0) and 0/0 or i end
        print(pcall(table.sort, nan) ~= nil)
        "#,
        "false\tinvalid order function for sorting\n\
         false\tinvalid order function for sorting\ntrue\ntrue\n",
    );
}

#[test]
fn table_remove_position_errors_name_argument_2_as_in_5_4_8() {
    check(
        r#"
        print(pcall(table.remove, {1, 2}, 4))
        print(pcall(table.remove, {}, -1))
        "#,
        "false\tbad argument #2 to 'table.remove' (position out of bounds)\n\
         false\tbad argument #2 to 'table.remove' (position out of bounds)\n",
    );
}

#[test]
fn utf8_codes_rejects_stray_continuation_bytes_as_in_5_4_8() {
    check(
        r#"
        print(pcall(utf8.codes, "\x80abc"))
        print(pcall(function() for _ in utf8.codes("a\u{E9}\x80") do end end))
        print(pcall(function() for _ in utf8.codes("ab\x80") do end end))
        "#,
        "false\tbad argument #1 to 'utf8.codes' (invalid UTF-8 code)\n\
         false\tinput:3: invalid UTF-8 code\n\
         false\tinput:4: invalid UTF-8 code\n",
    );
}

#[test]
fn index_chains_that_loop_are_errors() {
    let out = run(r#"
        local t = setmetatable({}, {})
        getmetatable(t).__index = t
        getmetatable(t).__newindex = t
        print(pcall(table.unpack, t, 1, 1))
        print(pcall(table.insert, t, 1))
        "#)
    .output;
    assert_eq!(
        out,
        "false\t'__index' chain too long; possible loop\n\
         false\t'__newindex' chain too long; possible loop\n"
    );
}

#[test]
fn math_random_matches_puc_for_a_seed() {
    // The values PUC Lua 5.4.8 prints for these seeds.
    check(
        r#"
        math.randomseed(42)
        print(math.random(1, 100), math.random(0))
        math.randomseed(1, 2)
        print(math.random(0))
        "#,
        "50\t-8358531260401861301\n8291693048688576641\n",
    );
}

#[test]
fn seeded_fuzz_of_utf8_functions_never_panics() {
    check(
        r#"
        math.randomseed(2024)
        local pieces = {"\x80", "\xBF", "\xC0", "\xC2", "\xE0", "\xED", "\xF0", "\xF4", "\xF8",
                        "\xFC", "\xFE", "\xFF", "a", "\0", "\u{E9}", "\u{20AC}", "\u{10FFFF}"}
        local positions = {0, 1, 2, -1, -2, 3, 7, -7, 100, -100, math.maxinteger, math.mininteger}
        local calls = 0
        for _ = 1, 3000 do
          local parts = {}
          for k = 1, math.random(0, 6) do parts[k] = pieces[math.random(#pieces)] end
          local s = table.concat(parts)
          local i = positions[math.random(#positions)]
          local j = positions[math.random(#positions)]
          local lax = math.random(2) == 1
          pcall(utf8.len, s, i, j, lax)
          pcall(utf8.codepoint, s, i, j, lax)
          pcall(utf8.offset, s, i, j)
          pcall(utf8.offset, s, math.random(-3, 3))
          pcall(function() for _ in utf8.codes(s, lax) do end end)
          pcall(utf8.char, i, math.random(0, 0x7FFFFFFF))
          calls = calls + 6
        end
        print(calls)
        "#,
        "18000\n",
    );
}

#[test]
fn seeded_fuzz_of_table_functions_with_extreme_positions() {
    check(
        r#"
        math.randomseed(99)
        local positions = {0, 1, 2, 3, -1, 5, math.maxinteger, math.mininteger,
                           math.maxinteger - 1, math.mininteger + 1, 2^31, -2^31}
        local function pick() return positions[math.random(#positions)] end
        local function subject()
          if math.random(2) == 1 then return {1, 2, 3} end
          local store = {1, 2, 3}
          return setmetatable({}, {
            __index = function(_, k) return store[k] end,
            __newindex = function(_, k, v) if k == math.maxinteger then error("far") end store[k] = v end,
            __len = function() return #store end,
          })
        end
        local count = 0
        for _ = 1, 2000 do
          pcall(table.insert, subject(), pick(), "x")
          pcall(table.remove, subject(), pick())
          pcall(table.concat, subject(), ",", pick(), math.random(-2, 4))
          pcall(table.unpack, subject(), pick(), math.random(-2, 4))
          pcall(table.move, subject(), math.random(-2, 4), math.random(-2, 4), pick(), subject())
          pcall(table.sort, subject(), math.random(2) == 1 and function(a, b) return math.random(2) == 1 end or nil)
          count = count + 6
        end
        print(count)
        "#,
        "12000\n",
    );
}

/// Runs `source` with a global `proxy`, a userdata whose metatable is the
/// global `proxy_mt` (empty: the script fills it), and returns what it
/// printed.
fn output_with_userdata_proxy(source: &str) -> String {
    let output = Rc::new(RefCell::new(Vec::new()));
    let mut lua = new_state(Rc::clone(&output));
    lua.enter(|ctx| {
        let metatable = ctx.new_table();
        let proxy = UserData::new(ctx.mc, Box::new(()));
        proxy.set_metatable(ctx.mc, Some(metatable));
        ctx.set_global("proxy", Value::UserData(proxy));
        ctx.set_global("proxy_mt", Value::Table(metatable));
    });
    let proto = Rc::new(load_text(source.as_bytes(), b"=input").expect("test source compiles"));
    let result = lua.call_with(
        move |ctx| (Value::from(ctx.load_proto(proto, None)), Vec::new()),
        |_, _| (),
    );
    if let Err(e) = result {
        panic!("unexpected error: {}", e.message_lossy());
    }
    String::from_utf8_lossy(&output.borrow()).into_owned()
}

#[test]
fn table_functions_accept_a_userdata_with_the_metamethods_they_need() {
    let out = output_with_userdata_proxy(
        r#"
        -- without metamethods: "table expected"
        print(pcall(table.insert, proxy, 1))
        print(pcall(table.concat, proxy))
        proxy_mt.__index = function(_, k) return rawget(proxy_mt, "store")[k] end
        -- reading needs __index and __len; writing also __newindex
        print(pcall(table.concat, proxy))
        proxy_mt.__len = function() return #rawget(proxy_mt, "store") end
        proxy_mt.store = {"c", "a", "b"}
        print(table.concat(proxy, ","), table.unpack(proxy))
        print(pcall(table.insert, proxy, "d"))
        print(pcall(table.sort, proxy))
        proxy_mt.__newindex = function(_, k, v) rawget(proxy_mt, "store")[k] = v end
        table.insert(proxy, "d")
        table.insert(proxy, 1, "e")
        table.sort(proxy)
        print(table.concat(proxy_mt.store, ","))
        print(table.remove(proxy, 1), table.concat(proxy_mt.store, ","))
        local copy = table.move(proxy, 1, 4, 1, {})
        print(table.concat(copy, ","))
        -- move only needs __index on the source and __newindex on the target
        print(table.move({"x"}, 1, 1, 1, proxy) == proxy, proxy_mt.store[1])
        "#,
    );
    assert_eq!(
        out,
        "false\tbad argument #1 to 'table.insert' (table expected, got userdata)\n\
         false\tbad argument #1 to 'table.concat' (table expected, got userdata)\n\
         false\tbad argument #1 to 'table.concat' (table expected, got userdata)\n\
         c,a,b\tc\ta\tb\n\
         false\tbad argument #1 to 'table.insert' (table expected, got userdata)\n\
         false\tbad argument #1 to 'table.sort' (table expected, got userdata)\n\
         a,b,c,d,e\n\
         a\tb,c,d,e\n\
         b,c,d,e\n\
         true\tx\n"
    );
}

//! Saturn-only behaviour of the debug library: hook functions are called
//! through the VM (never recursively from Rust), so they may yield, recurse
//! without bound only until a Lua "stack overflow", and leave the state
//! usable after an error.

mod common;
use common::{check, error_of, output_of};

#[test]
fn a_line_hook_may_yield_the_coroutine_it_hooks() {
    // PUC cannot yield from a Lua hook function ("attempt to yield across
    // a C-call boundary"): its hook dispatcher is a C function.
    check(
        r#"
        local co = coroutine.wrap(function()
          debug.sethook(function(e, l) coroutine.yield("line " .. l) end, "l")
          local a = 1
          local b = 2
          debug.sethook()
          return "done"
        end)
        print(co()) print(co()) print(co()) print(co())
        "#,
        "line 4\nline 5\nline 6\ndone\n",
    );
}

#[test]
fn a_count_hook_may_yield_and_resume_where_it_was() {
    check(
        r#"
        local co = coroutine.create(function()
          local n = 0
          debug.sethook(function() coroutine.yield("tick") end, "", 100)
          for i = 1, 1000 do n = n + i end
          debug.sethook()
          return n
        end)
        local ticks, last = 0
        while true do
          local ok, v = coroutine.resume(co)
          if v == "tick" then ticks = ticks + 1 else last = v break end
        end
        print(ticks > 10, last)
        "#,
        "true\t500500\n",
    );
}

#[test]
fn a_native_function_may_be_the_hook_even_coroutine_yield() {
    check(
        r#"
        local co = coroutine.wrap(function()
          debug.sethook(coroutine.yield, "l")
          local x = 1
          x = x + 1
          debug.sethook()
          return x
        end)
        print(co()) print(co()) print(co()) print(co())
        "#,
        "line\t4\nline\t5\nline\t6\n2\n",
    );
}

#[test]
fn runaway_recursion_inside_a_hook_is_a_lua_stack_overflow() {
    let out = output_of(
        r#"
        local function runaway(n) return 1 + runaway(n + 1) end
        local ok, err = pcall(function()
          local once = true
          debug.sethook(function()
            if once then once = false; runaway(1) end
          end, "l")
          local a = 1
        end)
        debug.sethook()
        print(ok, err:sub(-14) == "stack overflow")
        -- hooks work again afterwards
        local lines = 0
        debug.sethook(function() lines = lines + 1 end, "l")
        local b = 1
        b = 2
        debug.sethook()
        print(lines)
        "#,
    );
    assert_eq!(out, "false\ttrue\n3\n");
}

#[test]
fn deep_recursion_with_call_and_return_hooks_stays_off_the_rust_stack() {
    check(
        r#"
        local calls, returns = 0, 0
        debug.sethook(function(e)
          if e == "call" then calls = calls + 1 else returns = returns + 1 end
        end, "cr")
        local function down(n) if n == 0 then return 0 end return 1 + down(n - 1) end
        local depth = down(50000)
        debug.sethook()
        print(depth, calls >= 50001, returns >= 50001)
        "#,
        "50000\ttrue\ttrue\n",
    );
}

#[test]
fn an_error_in_a_hook_leaves_hooks_working() {
    check(
        r#"
        local fired = 0
        print(pcall(function()
          debug.sethook(function(e, l)
            fired = fired + 1
            if fired == 1 then error("from hook", 0) end
          end, "l")
          local a = 1
        end))
        local b = 2
        debug.sethook()
        print(fired >= 3)
        "#,
        "false\tfrom hook\ntrue\n",
    );
}

#[test]
fn closing_a_coroutine_suspended_inside_its_hook_resets_the_hook_state() {
    check(
        r#"
        local co = coroutine.create(function()
          debug.sethook(function() coroutine.yield("in hook") end, "l")
          local a = 1
          local b = 2
        end)
        print(coroutine.resume(co))
        print(coroutine.close(co), coroutine.status(co))
        print(debug.gethook(co) ~= nil)
        "#,
        "true\tin hook\ntrue\tdead\ntrue\n",
    );
}

#[test]
fn hooks_of_one_coroutine_do_not_fire_in_another() {
    check(
        r#"
        local seen = {}
        local a = coroutine.create(function() local x = 1 coroutine.yield() x = 2 end)
        local b = coroutine.create(function() local y = 1 coroutine.yield() y = 2 end)
        debug.sethook(a, function(e, l) seen[#seen + 1] = "a" .. l end, "l")
        coroutine.resume(a) coroutine.resume(b) coroutine.resume(a) coroutine.resume(b)
        print(#seen, seen[1], seen[#seen], debug.gethook(b))
        "#,
        "1\ta3\ta3\tnil\n",
    );
}

#[test]
fn a_hook_error_carries_the_hook_position() {
    let err = error_of(
        r#"
        debug.sethook(function() local t = nil; return t.x end, "c")
        print("x")
        "#,
    );
    assert!(
        err.contains("attempt to index a nil value (local 't')"),
        "{err}"
    );
}

#[test]
fn a_finalizer_runs_while_a_loop_waits_for_it() {
    // The object's last reference is a dead register (an argument of the
    // finished `setmetatable` call); db.lua's finalizer test loops so.
    check(
        r#"
        local name
        setmetatable({}, {__gc = function()
          local t = debug.getinfo(1, "n")
          name = t.namewhat .. " " .. t.name
        end})
        repeat local a = {} until name
        print(name)
        "#,
        "metamethod __gc\n",
    );
}

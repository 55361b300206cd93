//! Behaviour fixed for the official suite that the differential corpus
//! cannot hold (Lua 5.4.4, the corpus's reference, differs) or that is
//! Saturn-only.

mod common;
use common::check;

/// A chain of coroutines, each closing the previous one from a `__close`
/// handler, ends in "C stack overflow" (5.4.8; 5.4.4 behaves differently).
#[test]
fn a_long_chain_of_coroutine_closes_overflows_the_c_stack() {
    check(
        r#"
        local count, coro = 0, false
        for i = 1, 1000 do
          local previous = coro
          coro = coroutine.create(function()
            local cc <close> = setmetatable({}, {__close = function()
              count = count + 1
              if previous then assert(coroutine.close(previous)) end
            end})
            coroutine.yield()
          end)
          assert(coroutine.resume(coro))
        end
        local st, msg = coroutine.close(coro)
        print(st, string.find(msg, "C stack overflow") ~= nil, count > 100 and count < 250)
        "#,
        "false\ttrue\ttrue\n",
    );
}

/// A Lua callback of a library function still yields in Saturn, although
/// `coroutine.isyieldable` answers false there as in PUC.
#[test]
fn a_lua_callback_yields_though_isyieldable_says_no() {
    check(
        r#"
        local co = coroutine.wrap(function()
          return (string.gsub("ab", ".", function(c)
            return coroutine.yield(coroutine.isyieldable())
          end))
        end)
        print(co()) print(co("x")) print(co("y"))
        "#,
        "false\nfalse\nxy\n",
    );
}

/// A native called directly by a library native through a plain call may
/// not yield, even when the library native was itself called by `pcall`.
#[test]
fn only_the_direct_caller_decides_whether_a_native_may_yield() {
    check(
        r#"
        local co = coroutine.wrap(function()
          print(pcall(string.gsub, "a", ".", coroutine.yield))
          print(pcall(pcall, coroutine.yield, "direct"))
          return "end"
        end)
        print(co()) print(co("resumed"))
        "#,
        "false\tattempt to yield across a C-call boundary\ndirect\ntrue\ttrue\tresumed\nend\n",
    );
}

/// `dofile` calls its chunk as PUC's `lua_callk` does: the chunk may yield
/// and sees itself yieldable.
#[test]
fn a_chunk_run_by_dofile_may_yield() {
    check(
        r#"
        local name = os.tmpname()
        local f = assert(io.open(name, "w"))
        f:write("return coroutine.isyieldable(), coroutine.yield('from chunk')")
        f:close()
        local co = coroutine.wrap(function() return dofile(name) end)
        print(co()) print(co("back"))
        os.remove(name)
        "#,
        "from chunk\ntrue\tback\n",
    );
}

//! Behaviour that needs a change in saturn-vm (see REQUESTS.md at the
//! workspace root). Run with `--ignored` to see where things stand.

mod common;
use common::check;

/// PUC calls a tail-called native in place, with the calling Lua frame
/// still on the stack, so `return error("x")` reports the caller's line.
#[test]
fn tail_called_natives_see_their_caller() {
    check(
        "print(pcall(function() return error('x') end))\n\
         print(pcall(function() return select('x') end))\n\
         local w; w = coroutine.wrap(function() return w() end); print(pcall(w))",
        "false\tinput:1: x\n\
         false\tinput:2: bad argument #1 to 'select' (number expected, got string)\n\
         false\tinput:3: cannot resume non-suspended coroutine\n",
    );
}

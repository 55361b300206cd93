//! Library natives calling back into Lua on the executor's lean path
//! (a continuation asking for a plain call of a Lua function): long runs
//! where fuel runs out between a callback and its continuation, debug
//! hooks seeing every callback, nested and failing callbacks, and the
//! general path (`__lt` handlers, a native comparator) beside it.

mod common;
use common::check;

#[test]
fn long_callback_runs_survive_running_out_of_fuel() {
    check(
        r#"
local t, x = {}, 7
for i = 1, 20000 do x = (x * 1103515245 + 12345) % 2147483648; t[i] = x end
local calls = 0
table.sort(t, function(a, b) calls = calls + 1 return a > b end)
local ok = true
for i = 2, #t do ok = ok and t[i - 1] >= t[i] end
print(ok, calls > 20000)
local s = string.rep("ab", 5000)
print(#s:gsub("%w", function(c) return c == "a" and "xy" or nil end))
"#,
        "true\ttrue\n15000\n",
    );
}

#[test]
fn a_call_hook_sees_every_comparator_call() {
    check(
        r#"
local cmp_calls, hooked = 0, 0
local function cmp(a, b) cmp_calls = cmp_calls + 1 return a < b end
local t = {}
for i = 1, 200 do t[i] = (i * 37) % 101 end
debug.sethook(function()
  if debug.getinfo(2, "f").func == cmp then hooked = hooked + 1 end
end, "c")
table.sort(t, cmp)
debug.sethook()
print(cmp_calls == hooked, t[1], t[200])
"#,
        "true\t0\t100\n",
    );
}

#[test]
fn nested_failing_and_non_lua_callbacks() {
    check(
        r#"
local mt = {__lt = function(a, b) return a.v > b.v end}
local t = {}
for i, v in ipairs({5, 1, 4, 2, 3}) do t[i] = setmetatable({v = v}, mt) end
table.sort(t)
local seen = {}
for i, o in ipairs(t) do seen[i] = o.v end
print(table.concat(seen, " "))
local u = {3, 1, 2}
table.sort(u, rawequal)
print(#u)
local outer = {{3, 1, 2}, {9, 8}, {6, 5, 4}}
table.sort(outer, function(a, b)
  table.sort(a) table.sort(b)
  return a[1] < b[1]
end)
local parts = {}
for i, v in ipairs(outer) do parts[i] = table.concat(v, ",") end
print(table.concat(parts, ";"))
local n = 0
print(pcall(table.sort, {4, 3, 2, 1, 0}, function(a, b)
  n = n + 1
  if n == 4 then error("stop at " .. n) end
  return a < b
end))
local v = {2, 1}
table.sort(v, function(a, b) return a < b end)
print(v[1], v[2])
"#,
        "5 4 3 2 1\n3\n1,2,3;4,5,6;8,9\nfalse\tinput:23: stop at 4\n1\t2\n",
    );
}

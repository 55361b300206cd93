//! Saturn-only behaviour of the pattern functions: Lua code called by
//! `gsub` may yield, runaway backtracking ends in a Lua error, and random
//! patterns never panic or hang.

mod common;
use common::{check, output_of};

#[test]
fn yield_from_a_gsub_replacement_function() {
    check(
        r#"
        local co = coroutine.wrap(function()
          local s, n = string.gsub("a b c", "%a", function(c)
            return coroutine.yield("replace " .. c)
          end)
          return "result " .. s .. " " .. n
        end)
        print(co())
        print(co("A"))
        print(co(nil))
        print(co(42))
        "#,
        "replace a\nreplace b\nreplace c\nresult A b 42 3\n",
    );
}

#[test]
fn yield_from_the_index_metamethod_of_a_gsub_table() {
    check(
        r#"
        local t = setmetatable({known = "K"}, {__index = function(_, key)
          return coroutine.yield("lookup " .. key)
        end})
        local co = coroutine.wrap(function()
          return string.gsub("$known $x $y!", "%$(%w+)", t)
        end)
        print(co())
        print(co("X"))
        print(co(false))
        "#,
        "lookup x\nlookup y\nK X $y!\t3\n",
    );
}

#[test]
fn errors_after_a_yield_in_gsub_propagate_and_the_state_stays_usable() {
    check(
        r#"
        local co = coroutine.wrap(function()
          local ok, e = pcall(string.gsub, "ab", ".", function(c)
            coroutine.yield(c)
            if c == "b" then return {} end
            return c:upper()
          end)
          return ok, e
        end)
        print(co()) print(co()) print(co())
        print(string.gsub("ab", ".", "%0%0"))
        "#,
        "a\nb\nfalse\tinvalid replacement value (a table)\naabb\t2\n",
    );
}

#[test]
fn gsub_inside_its_own_replacement_function_and_gmatch_across_yields() {
    check(
        r#"
        local co = coroutine.wrap(function()
          for word in string.gmatch("one two", "%a+") do
            coroutine.yield(string.gsub(word, ".", function(c)
              return (string.gsub(c, ".", function(x) return coroutine.yield(x) or x:upper() end))
            end))
          end
          return "end"
        end)
        local out = {}
        local v = co()
        while v ~= "end" do out[#out + 1] = tostring(v); v = co() end
        print(#out, out[4], out[8], out[9])
        "#,
        "8\tONE\tTWO\tnil\n",
    );
}

#[test]
fn runaway_backtracking_ends_in_a_lua_error() {
    check(
        r#"
        local a = string.rep("a", 40)
        print(pcall(string.find, a, string.rep("a*", 30) .. "b"))
        print(string.find(a, "a*$"))
        "#,
        "false\tpattern too complex\n1\t40\n",
    );
}

/// A xorshift64 generator: deterministic, no crate needed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Random bytes, mostly drawn from `alphabet`, sometimes any byte.
    fn bytes(&mut self, max_len: u64, alphabet: &[u8]) -> Vec<u8> {
        let len = self.below(max_len + 1);
        (0..len)
            .map(|_| {
                if self.below(10) == 0 {
                    self.below(256) as u8
                } else {
                    alphabet[self.below(alphabet.len() as u64) as usize]
                }
            })
            .collect()
    }
}

/// `bytes` as a Lua string literal.
fn lua_literal(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        out.push_str(&format!("\\{b:03}"));
    }
    out.push('"');
    out
}

/// The Lua program running every function on random cases: a result or
/// an error from the known list is fine; anything else is printed.
fn fuzz_program(seed: u64, cases: usize) -> String {
    let mut rng = XorShift(seed);
    let mut program = String::from("local cases = {\n");
    for _ in 0..cases {
        let pattern = rng.bytes(12, b"ab.%()[]^$*+-?fb1230adsw");
        let subject = rng.bytes(16, b"ab()[] %\0");
        let replacement = rng.bytes(6, b"%01ab");
        program.push_str(&format!(
            "{{{}, {}, {}, {}}},\n",
            lua_literal(&pattern),
            lua_literal(&subject),
            lua_literal(&replacement),
            rng.below(20) as i64 - 3,
        ));
    }
    program.push_str(
        r#"}
        local known = {
          "malformed pattern", "missing '%[' after '%%f' in pattern",
          "invalid capture index %%%d", "invalid pattern capture",
          "unfinished capture", "too many captures",
          "invalid use of '%%' in replacement string", "pattern too complex",
        }
        local results, errors = 0, 0
        local function record(ok, first, ...)
          if ok then results = results + 1; return end
          for _, m in ipairs(known) do
            if type(first) == "string" and string.find(first, m) then errors = errors + 1; return end
          end
          print("unexpected error", first)
        end
        local function collect(s, p, init)
          local n = 0
          for a in string.gmatch(s, p, init) do
            n = n + 1
            if n > 100 then error("gmatch does not stop") end
          end
          return n
        end
        for _, c in ipairs(cases) do
          local p, s, r, init = c[1], c[2], c[3], c[4]
          record(pcall(string.find, s, p, init))
          record(pcall(string.match, s, p, init))
          record(pcall(collect, s, p, init))
          record(pcall(string.gsub, s, p, r))
          record(pcall(string.gsub, s, p, function(...) return select('#', ...) end, init))
          record(pcall(string.gsub, s, p, {a = "x", [1] = 2}))
        end
        print(results + errors)
        "#,
    );
    program
}

#[test]
fn random_patterns_end_in_a_result_or_a_known_error() {
    const CASES: usize = 2000;
    let program = fuzz_program(0x5eed_1234_abcd_ef01, CASES);
    let first = output_of(&program);
    assert_eq!(
        first,
        format!("{}\n", CASES * 6),
        "unexpected output:\n{first}"
    );
    // Deterministic: the same cases give the same output.
    assert_eq!(output_of(&program), first);
    let other = output_of(&fuzz_program(42, CASES));
    assert_eq!(other, format!("{}\n", CASES * 6));
}

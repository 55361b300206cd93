//! Deep inputs: the compiler must not overflow a 2 MiB stack (the size of
//! test threads) on anything the parser accepts.

use super::helpers::*;
use crate::compile::load_text;

/// Compiles `source` on a small stack; returns the error message, if any.
fn compile_small(source: String) -> Option<String> {
    run_with_small_stack(move || {
        load_text(source.as_bytes(), b"=test")
            .err()
            .map(|e| String::from_utf8_lossy(&e.message).into_owned())
    })
}

/// The deepest nesting of `open`..`close` around `inner` that compiles
/// (deeper nesting is refused by the parser's level limit), found by
/// bisection; every depth tried compiles or fails cleanly.
fn deepest(open: &str, inner: &str, close: &str, prefix: &str) -> usize {
    let compiles = |n: usize| {
        compile_small(format!(
            "{prefix}{}{inner}{}",
            open.repeat(n),
            close.repeat(n)
        ))
        .is_none()
    };
    let (mut good, mut bad) = (0, 400);
    assert!(
        !compiles(bad),
        "{open:?} nested {bad} times should be refused"
    );
    while bad - good > 1 {
        let mid = (good + bad) / 2;
        if compiles(mid) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    good
}

#[test]
fn deeply_nested_parentheses() {
    assert!(deepest("(", "1", ")", "return ") > 90);
    assert!(deepest("(", "a", ")", "return 1 + ") > 90);
    assert!(deepest("{", "1", "}", "return ") > 90);
    assert!(deepest("f(", "x", ")", "return ") > 90);
    assert!(deepest("a[", "x", "]", "return ") > 90);
}

#[test]
fn deeply_nested_statements() {
    assert!(deepest("do ", "local x = 1", " end", "") > 90);
    assert!(deepest("while x do ", "break", " end", "") > 90);
    assert!(deepest("if x then ", "f()", " end", "") > 90);
    // Four locals per loop: the limit of 200 locals comes first, as in PUC.
    assert_eq!(deepest("for i = 1, 2 do ", "f(i)", " end", ""), 50);
    assert!(deepest("local function f() ", "return f", " end", "") > 90);
    assert!(deepest("repeat ", "local y", " until y", "") > 90);
}

#[test]
fn deeply_nested_operators() {
    assert!(deepest("a .. (", "b", ")", "return ") > 90);
    assert!(deepest("- ", "a", "", "return ") > 90);
    assert!(deepest("not ", "a", "", "return ") > 90);
    assert!(deepest("2 ^ ", "a", "", "return ") > 90);
    assert!(deepest("a .. ", "b", "", "return ") > 90);
    assert!(deepest("(a or ", "b", ") and c", "return ") > 90);
    assert!(deepest("function() return ", "1", " end", "return ") > 90);
}

#[test]
fn deeply_nested_mixtures() {
    assert!(deepest("{f(function() return ", "1", " end)}", "return ") > 40);
    assert!(deepest("a.b[c.d[", "e", "]]", "return ") > 90);
    assert!(deepest("if x then ", "f()", " else g() end", "") > 90);
    assert!(
        deepest(
            "while x do if y then repeat ",
            "break",
            " until z end end",
            ""
        ) > 40
    );
    assert!(deepest("-(1 + (2 * ", "y", "))", "return ") > 30);
}

#[test]
fn long_flat_chains() {
    let n = 100_000;
    assert_eq!(compile_small(format!("return x{}", " + x".repeat(n))), None);
    assert_eq!(
        compile_small(format!("return x{}", " and x".repeat(n))),
        None
    );
    assert_eq!(compile_small(format!("return x{}", " < x".repeat(n))), None);
    assert_eq!(compile_small(format!("return f{}", "(1)".repeat(n))), None);
    assert_eq!(compile_small(format!("return a{}", "[1]".repeat(n))), None);
    assert_eq!(
        compile_small(format!("local a = 1 {}", "a = a + 1 ".repeat(n))),
        None
    );
}

#[test]
fn many_upvalues_chained_through_nested_functions() {
    let mut source = String::from("local x = 1\n");
    for _ in 0..90 {
        source += "return function()\n";
    }
    source += "return x\n";
    for _ in 0..90 {
        source += "end\n";
    }
    assert_eq!(compile_small(source), None);
}

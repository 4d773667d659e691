//! `spoon mutate` without simulating: the catalogue listing and the errors it gives before
//! any mutant is built (the runs themselves are `testbench/tests/mutate.rs`).

use assert_cmd::Command;

fn spoon() -> Command {
    let mut c = Command::cargo_bin("spoon").unwrap();
    c.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    c
}

#[test]
fn the_catalogue_lists_every_block_and_kind() {
    let out = spoon().args(["mutate", "--list"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for block in [
        "top ",
        "cfg_port ",
        "conv ",
        "fc.updates ",
        "fc.draw ",
        "fifo ",
    ] {
        assert!(text.lines().any(|l| l.starts_with(block)), "{block}");
    }
    for kind in ["op ", "const ", "cond ", "branch ", "not ", "tap ", "rom "] {
        assert!(text.contains(kind), "{kind}");
    }
    let total: usize = text
        .lines()
        .last()
        .and_then(|l| l.strip_suffix(" mutants"))
        .and_then(|n| n.parse().ok())
        .unwrap();
    let listed = text.lines().filter(|l| l.contains('⟦')).count();
    assert_eq!(total, listed);
}

#[test]
fn an_unknown_mutant_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = spoon()
        .args(["mutate", "--only", "fifo:op:nosuch", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no mutant `fifo:op:nosuch`"), "{err}");
}

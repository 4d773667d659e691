//! The `spoon` tool end to end: outputs on good input, and a clear error naming the file and
//! the problem on bad input.

use assert_cmd::Command;
use golden::config::Config;
use golden::dataset::{load_split_dir, write_split_dir, Encoding};
use std::path::{Path, PathBuf};

fn spoon() -> Command {
    Command::cargo_bin("spoon").unwrap()
}

/// The stderr of a run that fails with an error (exit code 1, or 2 for clap's argument
/// errors), not a panic (101).
fn stderr_of(cmd: &mut Command) -> String {
    let out = cmd.assert().failure().get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(matches!(out.status.code(), Some(1 | 2)), "{stderr}");
    stderr
}

/// A small real-digit split (200 train, 50 test of a seeded shuffle) written to `dir`.
fn small_split(dir: &Path) -> PathBuf {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let (train, test) = load_split_dir(&shipped).unwrap();
    let out = dir.join("small");
    write_split_dir(
        &out,
        &train.subset((0..3000).step_by(15)),
        &test.shuffled(1).subset(0..50),
        Encoding::Gzip,
    )
    .unwrap();
    out
}

#[test]
fn print_default_is_the_default_config() {
    let out = spoon()
        .args(["config", "--print-default"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(Config::from_toml(&text).unwrap(), Config::default());
}

#[test]
fn config_check_names_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        Config::default()
            .to_toml()
            .replace("stride = 3", "stride = 0"),
    )
    .unwrap();
    let err = stderr_of(spoon().args(["config", "--check"]).arg(&path));
    assert!(
        err.contains("bad.toml") && err.contains("conv.stride"),
        "{err}"
    );
}

#[test]
fn train_then_eval_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = small_split(dir.path());
    let out = dir.path().join("run");
    spoon()
        .args(["train", "--quiet", "--epochs", "5", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("results.json")).unwrap()).unwrap();
    let epochs = results["report"]["epochs"].as_array().unwrap();
    assert_eq!(epochs.len(), 5);
    assert_eq!(results["report"]["train_samples"], 167);
    assert_eq!(results["report"]["validation_samples"], 33);
    assert_eq!(epochs[4]["test"]["total"], 50);
    let test_correct = epochs[4]["test"]["correct"].as_u64().unwrap();
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    // The learning curve: train, validation and test, each a line through the 5 epochs.
    let svg = std::fs::read_to_string(out.join("learning-curve.svg")).unwrap();
    let curves = svg
        .lines()
        .filter(|l| l.contains("stroke-width=\"2\"") && l.matches(',').count() == 5)
        .count();
    assert_eq!(curves, 3, "{svg}");
    // Epoch 4 runs with the first learning-rate decay; the saved image holds the raised shifts.
    assert!(summary.contains("| 4 | [3]/13 |"), "{summary}");
    // The saved chip loads again and reproduces the reported test accuracy exactly.
    let eval = spoon()
        .args(["eval", "--chip"])
        .arg(out.join("chip.bin"))
        .arg("--data")
        .arg(&data)
        .assert()
        .success();
    let line = String::from_utf8(eval.get_output().stdout.clone()).unwrap();
    assert!(
        line.contains(&format!(": {test_correct} / 50 correct")),
        "{line}"
    );
}

#[test]
fn missing_data_directory_is_named() {
    let err = stderr_of(spoon().args(["train", "--quiet", "--data", "/no/such/dir"]));
    assert!(err.contains("/no/such/dir"), "{err}");
}

#[test]
fn truncated_chip_image_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chip.bin");
    std::fs::write(&path, b"SPOONCHP\x01\x00").unwrap();
    let err = stderr_of(spoon().args(["eval", "--chip"]).arg(&path));
    assert!(
        err.contains("chip.bin") && err.contains("truncated at byte 8"),
        "{err}"
    );
}

/// `spoon train` on the small split with one edit of the default config; its stderr.
fn train_error_with(from: &str, to: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let data = small_split(dir.path());
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, Config::default().to_toml().replacen(from, to, 1)).unwrap();
    stderr_of(
        spoon()
            .args(["train", "--quiet", "--config"])
            .arg(&cfg)
            .arg("--data")
            .arg(&data),
    )
}

#[test]
fn image_size_must_match_the_config() {
    let err = train_error_with("width = 28", "width = 20");
    assert!(
        err.contains("images are 28×28, the config's input is 20×28"),
        "{err}"
    );
}

#[test]
fn a_chip_without_its_learning_unit_is_not_trained() {
    let err = train_error_with("fifo_depth = 16", "fifo_depth = 16\nlearning = false");
    assert!(
        err.contains("c.toml: hardware.learning = false: a chip without its learning unit"),
        "{err}"
    );
}

#[test]
fn labels_beyond_the_class_count_are_rejected() {
    let err = train_error_with("classes = 10", "classes = 5");
    assert!(
        err.contains("has label 5, but the config has 5 classes (fc.classes)"),
        "{err}"
    );
}

#[test]
fn board_commands_without_a_port_or_a_bitstream_say_so() {
    let e = stderr_of(spoon().args(["board", "read"]));
    assert!(e.contains("needs --port"), "{e}");
    let e = stderr_of(spoon().args([
        "board",
        "flash",
        "--board",
        "icebreaker",
        "--bitstream",
        "no/such/spoon.bin",
    ]));
    assert!(e.contains("bitstream no/such/spoon.bin not found"), "{e}");
    let e = stderr_of(spoon().args(["board", "--port", "/dev/no-such-port", "read"]));
    assert!(
        e.contains("cannot open serial port /dev/no-such-port"),
        "{e}"
    );
}

#[test]
fn flashing_without_openfpgaloader_names_the_package() {
    let dir = tempfile::tempdir().unwrap();
    let bitstream = dir.path().join("spoon.bin");
    std::fs::write(&bitstream, b"not a real bitstream").unwrap();
    let e = stderr_of(
        spoon()
            .env("PATH", dir.path())
            .args(["board", "flash", "--board", "ulx3s-85f", "--bitstream"])
            .arg(&bitstream),
    );
    assert!(e.contains("Debian package `openfpgaloader`"), "{e}");
}

#[test]
fn emit_writes_the_board_top_with_its_bit_period() {
    let dir = tempfile::tempdir().unwrap();
    spoon()
        .args(["emit", "--board-clocks-per-bit", "8", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let json = std::fs::read_to_string(dir.path().join("spoon_board.json")).unwrap();
    assert!(json.contains("\"clocks_per_bit\": 8"), "{json}");
    let e = stderr_of(
        spoon()
            .args(["emit", "--board-clocks-per-bit", "2", "--out"])
            .arg(dir.path()),
    );
    assert!(e.contains("clocks_per_bit 2 is out of range"), "{e}");
}

#[test]
fn synth_names_a_wrong_target_a_missing_board_file_and_a_bad_chip() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let err = stderr_of(spoon().args(["synth", "--target", "up6k"]));
    assert!(
        err.contains("no target `up6k`") && err.contains("ecp5-85f"),
        "{err}"
    );
    let board = dir.path().join("no-board.toml");
    let err = stderr_of(
        spoon()
            .args(["synth", "--board"])
            .arg(&board)
            .arg("--out")
            .arg(&out),
    );
    assert!(err.contains("no-board.toml"), "{err}");
    let chip = dir.path().join("empty.bin");
    std::fs::write(&chip, b"").unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let err = stderr_of(
        spoon()
            .args(["synth", "--chip"])
            .arg(&chip)
            .arg("--data")
            .arg(&data)
            .arg("--out")
            .arg(&out),
    );
    assert!(err.contains("empty.bin"), "{err}");
}

#[test]
fn power_names_a_wrong_target_and_a_missing_vcd() {
    let dir = tempfile::tempdir().unwrap();
    let err = stderr_of(spoon().args(["power", "--target", "up6k"]));
    assert!(
        err.contains("no power target `up6k`: asic, up5k or ecp5-85f"),
        "{err}"
    );
    let err = stderr_of(spoon().args(["power", "--target", "up5k", "--gate-level"]));
    assert!(
        err.contains("--gate-level simulates the sky130 netlist of the ASIC view: it needs --target asic, not `up5k`"),
        "{err}"
    );
    // Images of another size than the chip's: refused before any mapping or model build.
    let tiny = dir.path().join("tiny.toml");
    std::fs::write(&tiny, golden::config::Config::tiny().to_toml()).unwrap();
    let err = stderr_of(
        spoon()
            .args(["power", "--target", "asic", "--samples", "1", "--config"])
            .arg(&tiny)
            .arg("--data")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample"))
            .arg("--out")
            .arg(dir.path().join("tiny")),
    );
    assert!(
        err.contains("mnist-sample: images are 28×28, the config's input is"),
        "{err}"
    );
    assert!(
        !dir.path().join("tiny/design.v").exists(),
        "checked before the mapping"
    );
    let vcd = dir.path().join("absent.vcd");
    let err = stderr_of(
        spoon()
            .args(["power", "--vcd"])
            .arg(&vcd)
            .arg("--out")
            .arg(dir.path().join("run")),
    );
    assert!(err.contains("absent.vcd"), "{err}");
}

/// The default config with one edit, written to `dir/name`.
fn config_file(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let path = dir.join(name);
    let text = Config::default().to_toml();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

/// `--epochs 0`, an empty split, N-MNIST without samples and `--nmnist-limit 0` are errors, and
/// no chip image is written (they used to print 0.00 % and write chip.bin).
#[test]
fn nothing_to_learn_is_an_error_not_a_chip() {
    let dir = tempfile::tempdir().unwrap();
    let data = small_split(dir.path());
    let out = dir.path().join("run");
    let train = || {
        let mut c = spoon();
        c.args(["train", "--quiet", "--out"]).arg(&out);
        c
    };
    let err = stderr_of(train().args(["--epochs", "0", "--data"]).arg(&data));
    assert!(err.contains("--epochs") && err.contains("0"), "{err}");

    let (set, _) = load_split_dir(&data).unwrap();
    let empty = dir.path().join("empty");
    write_split_dir(&empty, &set, &set.subset(0..0), Encoding::Raw).unwrap();
    let err = stderr_of(train().arg("--data").arg(&empty));
    assert!(err.contains("the test split holds no samples"), "{err}");

    let nmnist = dir.path().join("nmnist");
    for split in ["Train", "Test"] {
        for digit in 0..10 {
            std::fs::create_dir_all(nmnist.join(split).join(digit.to_string())).unwrap();
        }
    }
    let err = stderr_of(train().arg("--nmnist").arg(&nmnist));
    assert!(
        err.contains("no .bin file in this N-MNIST digit directory") && err.contains("Train/0"),
        "{err}"
    );
    let err = stderr_of(
        train()
            .arg("--nmnist")
            .arg(&nmnist)
            .args(["--nmnist-limit", "0"]),
    );
    assert!(err.contains("--nmnist-limit"), "{err}");
    assert!(!out.join("chip.bin").exists());
}

/// A bad --out is refused before the data are even read; a bad --config names its file.
#[test]
fn output_and_config_problems_are_named_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let err = stderr_of(
        spoon()
            .args(["train", "--quiet", "--data", "/no/such/dir", "--out"])
            .arg(&file),
    );
    assert!(err.contains("a-file: output directory is a file"), "{err}");
    let err = stderr_of(spoon().args(["emit", "--out"]).arg(file.join("sub")));
    assert!(err.contains("a-file/sub: cannot create"), "{err}");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("chip.bin")).unwrap();
    let err = stderr_of(
        spoon()
            .args(["train", "--quiet", "--data", "/no/such/dir", "--out"])
            .arg(&out),
    );
    assert!(
        err.contains("chip.bin: is a directory, not a file"),
        "{err}"
    );
    let cfg = config_file(dir.path(), "c.toml", "stride = 3", "stride = 0");
    let err = stderr_of(spoon().args(["train", "--quiet", "--config"]).arg(&cfg));
    assert!(
        err.contains("c.toml") && err.contains("`conv.stride` must be at least 1"),
        "{err}"
    );
    let err = stderr_of(spoon().args(["train", "--quiet", "--data"]).arg(&file));
    assert!(err.contains("a-file: not a directory"), "{err}");
}

/// A config `config --check` accepts but the RTL cannot hold: a capacity error naming the
/// field, from every command that builds the RTL, instead of a panic inside rust_hdl.
#[test]
fn a_config_the_rtl_cannot_hold_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_file(dir.path(), "lanes4.toml", "fc_lanes = 8", "fc_lanes = 4");
    spoon()
        .args(["config", "--check"])
        .arg(&cfg)
        .assert()
        .success();
    let out = dir.path().join("rtl");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    for args in [
        vec!["emit", "--out", out.to_str().unwrap()],
        vec!["sim", "--samples", "1", "--data", data.to_str().unwrap()],
        vec!["cosim", "--suite", "directed"],
    ] {
        let err = stderr_of(spoon().args(&args).arg("--config").arg(&cfg));
        assert!(
            err.contains("the RTL cannot hold `hardware.fc_lanes`: 4 FC lanes and 8 conv lanes"),
            "{args:?}: {err}"
        );
    }
}

/// A cosim failure that is not a difference between the RTL and golden is not "1 mismatch".
#[test]
fn a_cosim_data_error_is_not_a_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let out = spoon()
        .args(["cosim", "--suite", "mnist", "--data"])
        .arg(dir.path().join("none"))
        .assert()
        .failure()
        .code(1)
        .get_output()
        .clone();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(!stdout.contains("mismatch"), "{stdout}");
    assert!(stderr.contains("none: no such directory"), "{stderr}");
}

/// `spoon run` away from the repository: its inputs are checked first, nothing is written.
#[test]
fn spoon_run_outside_the_repository_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let err = stderr_of(spoon().arg("run").current_dir(dir.path()));
    assert!(
        err.contains("run it from the repository's root") && err.contains("data/mnist-sample"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

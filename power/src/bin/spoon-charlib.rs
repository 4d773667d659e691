//! Characterises the sky130 cells into `power/lib/` (the checked-in library):
//! `cargo run --release -p spoon-power --bin spoon-charlib [-- --no-cache]`.

fn main() {
    let no_cache = std::env::args().any(|a| a == "--no-cache");
    let work = std::env::temp_dir().join(format!("spoon-charlib-{}", std::process::id()));
    let out = spoon_power::charlib::shipped_dir();
    match spoon_power::charlib::make(&work, &out, !no_cache) {
        Ok(lib) => println!("{} cells → {}", lib.cells.len(), out.display()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

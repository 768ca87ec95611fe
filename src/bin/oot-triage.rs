//! The native command line: `oot-triage classify [FILE]`. (Skeleton: the engine issue fills it in.)
fn main() {
    eprintln!("usage: oot-triage classify [FILE]");
}

#![no_main]

#[path = "../checks/national_id.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::check(data));

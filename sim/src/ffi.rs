//! The loaded shared library and its C ABI (`shim.rs` writes the C++ side).

use crate::ports::PortLayout;
use crate::shim;
use crate::SimError;
use std::ffi::{c_char, c_int, c_void, CString};
use std::path::{Path, PathBuf};

type NewFn = unsafe extern "C" fn() -> *mut c_void;
type FreeFn = unsafe extern "C" fn(*mut c_void);
type StepFn = unsafe extern "C" fn(*mut c_void, *const u64, *mut u64, *mut u64, u64, c_int);
type TraceOpenFn = unsafe extern "C" fn(*mut c_void, *const c_char) -> c_int;
type TraceCloseFn = unsafe extern "C" fn(*mut c_void);
type LayoutFn = unsafe extern "C" fn() -> u64;

/// The shim's functions; valid while `_library` is loaded (it is dropped last).
pub(crate) struct Library {
    new: NewFn,
    free: FreeFn,
    step: StepFn,
    trace_open: TraceOpenFn,
    trace_close: TraceCloseFn,
    input_words: usize,
    output_words: usize,
    path: PathBuf,
    _library: libloading::Library,
}

/// One model instance (`Sim*` of the shim), owned by a `Simulator`.
pub(crate) struct Instance(*mut c_void);

// SAFETY: a Verilated model in its own `VerilatedContext` may be evaluated from any thread,
// one thread at a time; `Simulator` takes `&mut self` for every call.
unsafe impl Send for Instance {}

impl Library {
    pub fn load(path: &Path, layout: &PortLayout) -> Result<Self, SimError> {
        let load = |error| SimError::Load {
            path: path.to_path_buf(),
            error,
        };
        // SAFETY: the library is ours (built by `verilate::model` from `shim::source`), its
        // initialisers are those of the Verilator runtime and the model, and each symbol below
        // has the C signature the shim declares.
        unsafe {
            let library = libloading::Library::new(path).map_err(load)?;
            let layout_fn = *library
                .get::<LayoutFn>(shim::LAYOUT.as_bytes())
                .map_err(load)?;
            let words = layout_fn();
            let (input_words, output_words) = ((words >> 32) as usize, words as u32 as usize);
            if (input_words, output_words) != (layout.input_words(), layout.output_words()) {
                return Err(SimError::StaleModel {
                    path: path.to_path_buf(),
                });
            }
            Ok(Self {
                new: *library.get::<NewFn>(shim::NEW.as_bytes()).map_err(load)?,
                free: *library.get::<FreeFn>(shim::FREE.as_bytes()).map_err(load)?,
                step: *library.get::<StepFn>(shim::STEP.as_bytes()).map_err(load)?,
                trace_open: *library
                    .get::<TraceOpenFn>(shim::TRACE_OPEN.as_bytes())
                    .map_err(load)?,
                trace_close: *library
                    .get::<TraceCloseFn>(shim::TRACE_CLOSE.as_bytes())
                    .map_err(load)?,
                input_words,
                output_words,
                path: path.to_path_buf(),
                _library: library,
            })
        }
    }

    pub fn instantiate(&self) -> Instance {
        // SAFETY: `new` takes nothing and returns a fresh heap object.
        let p = unsafe { (self.new)() };
        assert!(!p.is_null(), "the model could not be made");
        Instance(p)
    }

    pub fn free(&self, instance: &Instance) {
        // SAFETY: called once, from `Simulator::drop`, on an instance of this library.
        unsafe { (self.free)(instance.0) }
    }

    /// One clock cycle; `before` gets the outputs at the rising edge, `after` those after
    /// it. Every slice holds exactly the layout's words (checked).
    pub fn step(
        &self,
        instance: &Instance,
        inputs: &[u64],
        before: Option<&mut [u64]>,
        after: Option<&mut [u64]>,
        cycle: u64,
        dump: bool,
    ) {
        assert_eq!(inputs.len(), self.input_words);
        let out = |o: Option<&mut [u64]>| {
            o.map_or(std::ptr::null_mut(), |o| {
                assert_eq!(o.len(), self.output_words);
                o.as_mut_ptr()
            })
        };
        let (before, after) = (out(before), out(after));
        // SAFETY: the shim reads `input_words` and writes `output_words` words to each non-null
        // output (the lengths were checked against the library's own layout when it was
        // loaded).
        unsafe {
            (self.step)(
                instance.0,
                inputs.as_ptr(),
                before,
                after,
                cycle,
                c_int::from(dump),
            )
        }
    }

    pub fn trace_open(&self, instance: &Instance, path: &Path) -> Result<(), SimError> {
        let io = |message: &str| SimError::Io {
            path: path.to_path_buf(),
            error: std::io::Error::other(message.to_string()),
        };
        let text = path.to_str().ok_or_else(|| io("not UTF-8"))?;
        let c = CString::new(text).map_err(|_| io("contains a NUL byte"))?;
        // SAFETY: `c` outlives the call; Verilator copies the file name.
        let status = unsafe { (self.trace_open)(instance.0, c.as_ptr()) };
        if status == 2 {
            return Err(SimError::NotTraced {
                model: self.path.clone(),
            });
        }
        if status != 0 {
            return Err(io(&format!(
                "Verilator could not open the VCD file (model {})",
                self.path.display()
            )));
        }
        Ok(())
    }

    pub fn trace_close(&self, instance: &Instance) {
        // SAFETY: closing is valid with or without an open trace.
        unsafe { (self.trace_close)(instance.0) }
    }
}

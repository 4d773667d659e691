//! Moving bytes to and from a board: the [`Transport`] trait, and a serial port.

use std::io::{Read, Write};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("cannot open serial port {port} at {baud} baud: {source}")]
    Open {
        port: String,
        baud: u32,
        source: serialport::Error,
    },
    #[error("serial port {port}: {source}")]
    Io {
        port: String,
        source: std::io::Error,
    },
    /// A transport that is not a real port (the simulated board) failed.
    #[error("{0}")]
    Other(String),
}

/// A byte pipe to a board. `write` may return before the bytes are on the line (a real UART
/// queues them); `read` waits at most `timeout` for at least one byte.
pub trait Transport {
    fn write(&mut self, bytes: &[u8]) -> Result<(), TransportError>;
    /// Reads up to `buf.len()` bytes, at least one unless `timeout` passes first (then 0).
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize, TransportError>;
}

/// A board on a serial port (e.g. `/dev/ttyUSB1`, the iCEBreaker's second FTDI channel),
/// 8N1 without flow control.
pub struct SerialTransport {
    port: Box<dyn serialport::SerialPort>,
    name: String,
}

impl SerialTransport {
    pub fn open(name: &str, baud: u32) -> Result<Self, TransportError> {
        let port = serialport::new(name, baud)
            .data_bits(serialport::DataBits::Eight)
            .parity(serialport::Parity::None)
            .stop_bits(serialport::StopBits::One)
            .flow_control(serialport::FlowControl::None)
            .timeout(Duration::from_millis(100))
            .open()
            .map_err(|source| TransportError::Open {
                port: name.to_string(),
                baud,
                source,
            })?;
        Ok(Self {
            port,
            name: name.to_string(),
        })
    }

    fn io(&self, source: std::io::Error) -> TransportError {
        TransportError::Io {
            port: self.name.clone(),
            source,
        }
    }
}

impl Transport for SerialTransport {
    fn write(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.port.write_all(bytes).map_err(|e| self.io(e))
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize, TransportError> {
        self.port
            .set_timeout(timeout)
            .map_err(|e| self.io(e.into()))?;
        match self.port.read(buf) {
            Ok(n) => Ok(n),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => Ok(0),
            Err(e) => Err(self.io(e)),
        }
    }
}

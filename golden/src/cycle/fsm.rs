//! The control FSM's phases (hdl `chip.rs::Phase`), numbered as the RTL encodes them
//! (declaration order).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    Idle = 0,
    Clear = 1,
    ClearWait = 2,
    Fetch = 3,
    Decode = 4,
    Integrate = 5,
    IntegrateWait = 6,
    FcStart = 7,
    FcWait = 8,
    Finish = 9,
    CfgDivide = 10,
    CfgIssue = 11,
    CfgData = 12,
    CfgWrite = 13,
}

impl Phase {
    /// `busy`: a sample is under way (neither idle nor serving the configuration port).
    pub fn busy(self) -> bool {
        !matches!(
            self,
            Phase::Idle | Phase::CfgDivide | Phase::CfgIssue | Phase::CfgData | Phase::CfgWrite
        )
    }
}

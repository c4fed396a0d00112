//! Control of the simulator for its messaging areas.

use super::Simulator;

impl Simulator {}

//! Control of the simulator for its users areas.

use super::Simulator;

impl Simulator {}

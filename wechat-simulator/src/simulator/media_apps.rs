//! Control of the simulator for its media_apps areas.

use super::Simulator;

impl Simulator {}

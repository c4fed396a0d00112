//! Statistics (datacube).

use super::area;

area! {
    /// Statistics; from [`Client::datacube`](crate::Client::datacube).
    DatacubeApi
}

//! Launch and runtime performance (`/wxa/business/performance/boot`): the query and its data.

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

use crate::api::{check_present, string_or_number};
use crate::call::transport::Response;
use crate::error::{Error, Result};

/// The longest span of [`PerformanceQuery`], in seconds (30 days).
pub const MAX_PERFORMANCE_SPAN_SECS: u64 = 30 * 86_400;

/// What [`PerformanceQuery`] asks for: the `module` of `/wxa/business/performance/boot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PerformanceModule {
    /// The open rate (10016); takes the network type and device level.
    OpenRate,
    /// The time of each launch stage (10017); takes the network type and device level.
    LaunchStages,
    /// The time of page switches (10021); takes the device level.
    PageSwitch,
    /// Memory use (10022); takes the device level.
    Memory,
    /// Memory alerts (10023); takes the device level.
    MemoryAlerts,
}

impl PerformanceModule {
    /// The number WeChat uses.
    pub fn code(self) -> u32 {
        match self {
            PerformanceModule::OpenRate => 10016,
            PerformanceModule::LaunchStages => 10017,
            PerformanceModule::PageSwitch => 10021,
            PerformanceModule::Memory => 10022,
            PerformanceModule::MemoryAlerts => 10023,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct PerformanceTime {
    begin_timestamp: u64,
    end_timestamp: u64,
}

/// One condition of a [`PerformanceQuery`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct PerformanceParam {
    field: String,
    value: String,
}

/// What [`WxaAnalysisApi::performance`](super::WxaAnalysisApi::performance) asks for: a module over at most 30 days, with
/// conditions (every network type, device level and platform unless set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct PerformanceQuery {
    // WeChat's example sends the module as a string.
    module: String,
    time: PerformanceTime,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    params: Vec<PerformanceParam>,
}

impl PerformanceQuery {
    /// `module` from `begin_timestamp` to `end_timestamp` (unix seconds, at most 30 days
    /// apart).
    pub fn new(module: PerformanceModule, begin_timestamp: u64, end_timestamp: u64) -> Self {
        PerformanceQuery {
            module: module.code().to_string(),
            time: PerformanceTime {
                begin_timestamp,
                end_timestamp,
            },
            params: Vec::new(),
        }
    }

    /// Only this network type: `-1` (all), `3g`, `4g` or `wifi`.
    pub fn network_type(self, value: impl Into<String>) -> Self {
        self.param("networktype", value)
    }

    /// Only this device level: `-1` (all), `1` (high end), `2` (middle) or `3` (low end).
    pub fn device_level(self, value: impl Into<String>) -> Self {
        self.param("device_level", value)
    }

    /// Only this platform: `-1` (all), `1` (iOS) or `2` (Android).
    pub fn device(self, value: impl Into<String>) -> Self {
        self.param("device", value)
    }

    /// Any condition WeChat takes, `field` = `value`.
    pub fn param(mut self, field: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push(PerformanceParam {
            field: field.into(),
            value: value.into(),
        });
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        let PerformanceTime {
            begin_timestamp: begin,
            end_timestamp: end,
        } = self.time;
        if end < begin {
            return Err(Error::invalid_input(format!(
                "end_timestamp {end} is before begin_timestamp {begin}"
            )));
        }
        if end - begin > MAX_PERFORMANCE_SPAN_SECS {
            return Err(Error::invalid_input(format!(
                "{begin} to {end} spans more than 30 days; WeChat takes at most 30"
            )));
        }
        self.params
            .iter()
            .try_for_each(|p| check_present("params.field", &p.field))
    }
}

/// One day of a performance line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PerformanceField {
    /// The day, `YYYYMMDD`.
    #[serde(default)]
    pub refdate: String,
    /// The value, as WeChat writes it (a number in a string).
    #[serde(default, deserialize_with = "string_or_number")]
    pub value: String,
}

/// A line of a performance table: its values day by day.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PerformanceLine {
    /// The values, one per day.
    #[serde(default)]
    pub fields: Vec<PerformanceField>,
}

/// One metric of the performance data.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PerformanceTable {
    /// The metric's id.
    #[serde(default)]
    pub id: String,
    /// The metric's Chinese name.
    #[serde(default)]
    pub zh: String,
    /// Its lines.
    #[serde(default)]
    pub lines: Vec<PerformanceLine>,
}

/// The performance data of [`WxaAnalysisApi::performance`](super::WxaAnalysisApi::performance).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PerformanceData {
    /// The metrics.
    #[serde(default)]
    pub tables: Vec<PerformanceTable>,
    /// How many metrics.
    #[serde(default)]
    pub count: u64,
}

/// `data.body` of the performance answer: an object, or the same object as a JSON string.
fn performance_body<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<PerformanceData, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Body {
        Object(PerformanceData),
        Text(String),
    }
    match Body::deserialize(deserializer)? {
        Body::Object(data) => Ok(data),
        Body::Text(text) if text.trim().is_empty() => Ok(PerformanceData::default()),
        Body::Text(text) => serde_json::from_str(&text).map_err(D::Error::custom),
    }
}

pub(super) fn decode_performance(response: Response) -> Result<PerformanceData> {
    #[derive(Deserialize)]
    struct Data {
        #[serde(default, deserialize_with = "performance_body")]
        body: PerformanceData,
    }
    #[derive(Deserialize)]
    struct Answer {
        data: Data,
    }
    Ok(response.json::<Answer>()?.data.body)
}

//! A bounded map, for the codes and tokens the simulator remembers.

use std::collections::{HashMap, VecDeque};

/// How many codes, tokens and spent codes the simulator remembers per kind; the oldest are
/// forgotten first (by then WeChat would have expired them).
const MAX_REMEMBERED: usize = 100_000;

/// A map that forgets its oldest entries past a capacity.
#[derive(Debug)]
pub(crate) struct Fifo<V> {
    map: HashMap<String, V>,
    order: VecDeque<String>,
}

impl<V> Default for Fifo<V> {
    fn default() -> Self {
        Fifo {
            map: HashMap::new(),
            order: VecDeque::new(),
        }
    }
}

impl<V> Fifo<V> {
    pub(crate) fn insert(&mut self, key: String, value: V) {
        if self.map.insert(key.clone(), value).is_none() {
            self.order.push_back(key);
        }
        while self.map.len() > MAX_REMEMBERED {
            match self.order.pop_front() {
                Some(oldest) => {
                    self.map.remove(&oldest);
                }
                None => break,
            }
        }
        // Removed keys linger in `order`; drop them once they outnumber the live ones.
        if self.order.len() > 2 * self.map.len() + 16 {
            let map = &self.map;
            self.order.retain(|key| map.contains_key(key));
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key)
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        self.map.remove(key)
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

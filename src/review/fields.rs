//! Every text field of a record, found through its `Serialize` implementation.
//!
//! The hygiene rules must look at every text a person can type, including fields
//! added later. Listing them by hand would go stale, so this walks a value the way
//! serde writes it and hands each string to a callback with the path of field
//! names that leads to it (`acceptance.reason`, `phones.label`). Nothing is
//! allocated for values that are not strings; dates and timestamps (written with
//! `collect_str`) are skipped, as are fields marked `#[serde(skip)]` (a contact's
//! private details, which never reach the public files).

use std::fmt;

use serde::Serialize;
use serde::ser;

/// Calls `visit(path, text)` for every string in `value`; `path` is the field names
/// leading to it (join them with dots to show them). Stops early when `visit`
/// returns `true` (it found what it looked for).
pub fn each_text<T: Serialize + ?Sized>(
    value: &T,
    visit: &mut dyn FnMut(&[&'static str], &str) -> bool,
) {
    let mut walker = Walker {
        path: Vec::new(),
        visit,
    };
    // The only error is the early stop.
    let _ = value.serialize(&mut walker);
}

struct Walker<'v> {
    path: Vec<&'static str>,
    visit: &'v mut dyn FnMut(&[&'static str], &str) -> bool,
}

/// Stops the walk (the callback found something), or a serde error we ignore.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stopped")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

type Done = Result<(), Stop>;

impl ser::Serializer for &mut Walker<'_> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_str(self, text: &str) -> Done {
        if (self.visit)(&self.path, text) {
            Err(Stop)
        } else {
            Ok(())
        }
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, _: &T) -> Done {
        Ok(())
    }

    fn serialize_bool(self, _: bool) -> Done {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Done {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Done {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Done {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Done {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Done {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Done {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Done {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Done {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Done {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Done {
        Ok(())
    }
    fn serialize_char(self, _: char) -> Done {
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Ok(())
    }
    fn serialize_none(self) -> Done {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Done {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        Ok(self)
    }
}

impl Walker<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.path.push(key);
        let done = value.serialize(&mut *self);
        self.path.pop();
        done
    }
}

/// Sequences and tuples: every element is walked with the current path.
macro_rules! elements {
    ($($trait:ident :: $method:ident),+ $(,)?) => {$(
        impl ser::$trait for &mut Walker<'_> {
            type Ok = ();
            type Error = Stop;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                Ok(())
            }
        }
    )+};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeMap for &mut Walker<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

/// Structs: every field is walked with its name added to the path.
macro_rules! fields {
    ($($trait:ident),+) => {$(
        impl ser::$trait for &mut Walker<'_> {
            type Ok = ();
            type Error = Stop;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Done {
                self.field(key, value)
            }
            fn end(self) -> Done {
                Ok(())
            }
        }
    )+};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Acceptance, Date, Id, Rating, Risk, RiskStatus, Treatment};

    #[test]
    fn every_text_field_is_visited_with_its_path_and_dates_are_skipped() {
        let risk = Risk {
            id: Id::from("R-001"),
            title: "Title".into(),
            description: String::new(),
            threat: String::new(),
            vulnerability: String::new(),
            category: String::new(),
            processes: vec![Id::from("P-001")],
            systems: vec![],
            suppliers: vec![],
            owner: Some(Id::from("C-001")),
            current: Rating {
                likelihood: 1,
                impact: 1,
            },
            measures: String::new(),
            treatment: Some(Treatment::Accept),
            actions: vec![],
            residual: None,
            status: RiskStatus::Open,
            review_by: Date::from_ymd(2026, 1, 1),
            acceptance: Some(Acceptance {
                by: Id::from("C-002"),
                on: Date::from_ymd(2026, 1, 1).unwrap(),
                reason: "Because".into(),
                until: Date::from_ymd(2027, 1, 1).unwrap(),
            }),
            notes: "Notes".into(),
        };
        let mut seen = Vec::new();
        each_text(&risk, &mut |path, text| {
            seen.push(format!("{}={text}", path.join(".")));
            false
        });
        assert!(seen.contains(&"title=Title".to_owned()));
        assert!(seen.contains(&"processes=P-001".to_owned()));
        assert!(seen.contains(&"acceptance.reason=Because".to_owned()));
        assert!(seen.contains(&"notes=Notes".to_owned()));
        assert!(!seen.iter().any(|s| s.contains("2026")), "{seen:?}");

        let mut count = 0;
        each_text(&risk, &mut |_, _| {
            count += 1;
            true
        });
        assert_eq!(count, 1, "the walk stops when the callback says so");
    }
}

//! Small enums several registers share: the five basic principles, answers, priorities.

use serde::{Deserialize, Serialize};

/// The stable name of a choice in JSON output: its name in the files, in snake
/// case (`BasicsInPlace` becomes `basics_in_place`). One rule for every choice, so
/// the JSON keys can never drift from the file format.
pub fn key<T: Serialize>(value: &T) -> String {
    let name = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => return String::new(),
    };
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The five basic principles the checklist and the self-check are grouped under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Principle {
    /// Map your risks.
    Risks,
    /// Promote safe behaviour.
    Behaviour,
    /// Protect systems, applications and devices.
    Systems,
    /// Manage access.
    Access,
    /// Prepare for incidents: respond and recover.
    Incidents,
}

impl Principle {
    pub const ALL: [Principle; 5] = [
        Principle::Risks,
        Principle::Behaviour,
        Principle::Systems,
        Principle::Access,
        Principle::Incidents,
    ];
}

/// An answer to a checklist question or a self-check statement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    #[default]
    Unanswered,
    Yes,
    Partly,
    No,
    NotApplicable,
}

impl Answer {
    pub const CHOICES: [Answer; 5] = [
        Answer::Yes,
        Answer::Partly,
        Answer::No,
        Answer::NotApplicable,
        Answer::Unanswered,
    ];

    pub fn is_answered(self) -> bool {
        self != Answer::Unanswered
    }

    /// Unmet: answered "no" or "partly" (a self-check statement then yields its
    /// improvement action).
    pub fn is_unmet(self) -> bool {
        matches!(self, Answer::No | Answer::Partly)
    }

    /// Points out of 2 (yes 2, partly 1, no 0); `None` when it does not count.
    pub fn points(self) -> Option<u32> {
        match self {
            Answer::Yes => Some(2),
            Answer::Partly => Some(1),
            Answer::No => Some(0),
            Answer::NotApplicable | Answer::Unanswered => None,
        }
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Priority {
    High,
    #[default]
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];
}

//! What one advisory contributes to the files that list many: its list item
//! (as the template gets it), its entry in the JSON index and its entries in the
//! site's feeds. Each depends on that advisory, its language and the site's
//! configuration and theme alone, so watch mode keeps them across rebuilds: an
//! edit makes again only the edited advisory's ([`Fragments::forget`]); a change
//! to the configuration or the theme starts afresh ([`Fragments::clear`]).
//!
//! A single build keeps none: the index and feed entries are used once there,
//! and keeping every list item for the lists that reuse it saved 5% of a
//! 1,000-advisory build's CPU but held every title and summary twice (64 MB more
//! at 10,000 advisories), against the aim of memory flat in the archive's size.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The fragments of every advisory made so far, by advisory id.
#[derive(Default)]
pub struct Fragments {
    by_id: RwLock<HashMap<String, Cached>>,
    /// Whether the fragments outlive one render (watch mode): only then are
    /// they kept.
    lasting: bool,
}

#[derive(Default)]
struct Cached {
    /// Per language code, the list item's template value.
    items: Vec<(String, tera::Value)>,
    /// The JSON index entry, serialized.
    index: Option<Arc<str>>,
    /// Per language code and entry (the publication, an update, the
    /// withdrawal: see `feed::Entry::slot`), the Atom entry.
    feed: Vec<(String, u32, Arc<str>)>,
    /// Per language code, the body as HTML: made for the advisory's page and
    /// feeds, and dropped once they are made ([`Fragments::drop_bodies`]).
    bodies: Vec<(String, Arc<str>)>,
}

impl Fragments {
    /// Fragments kept across renders, for watch mode.
    pub fn lasting() -> Self {
        Fragments {
            by_id: RwLock::default(),
            lasting: true,
        }
    }

    /// Drops what was made of advisory `id`: it changed, or is gone.
    pub fn forget(&self, id: &str) {
        self.write().remove(id);
    }

    /// Drops everything: the configuration or the theme changed.
    pub fn clear(&self) {
        self.write().clear();
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Cached>> {
        self.by_id.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Looks `find` up in the advisory's fragments; else makes the fragment
    /// (outside the lock, so threads making others' do not wait) and, if
    /// `keep`, stores it with `store`.
    fn get_or<T: Clone>(
        &self,
        id: &str,
        keep: bool,
        find: impl Fn(&Cached) -> Option<T>,
        make: impl FnOnce() -> T,
        store: impl FnOnce(&mut Cached, T),
    ) -> T {
        if let Some(found) = self
            .by_id
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .and_then(&find)
        {
            return found;
        }
        let made = make();
        if keep {
            let mut all = self.write();
            let cached = all.entry(id.to_owned()).or_default();
            if find(cached).is_none() {
                store(cached, made.clone());
            }
        }
        made
    }

    /// Advisory `id`'s body in `lang` as HTML, made once for its page and its
    /// feeds, in a single build as in watch mode.
    pub fn body(&self, id: &str, lang: &str, make: impl FnOnce() -> String) -> Arc<str> {
        self.get_or(
            id,
            true,
            |c| {
                c.bodies
                    .iter()
                    .find(|(l, _)| l == lang)
                    .map(|(_, b)| b.clone())
            },
            || Arc::from(make()),
            |c, b| c.bodies.push((lang.to_owned(), b)),
        )
    }

    /// Drops advisory `id`'s bodies (`None`: every advisory's): its page and
    /// feeds are made, and bodies are not held beyond that.
    pub fn drop_bodies(&self, id: Option<&str>) {
        let mut all = self.write();
        match id {
            Some(id) => {
                if let Some(c) = all.get_mut(id) {
                    c.bodies = Vec::new();
                }
            }
            None => all.values_mut().for_each(|c| c.bodies = Vec::new()),
        }
    }

    /// Advisory `id`'s list item in `lang`, as a template value.
    pub fn item(&self, id: &str, lang: &str, make: impl FnOnce() -> tera::Value) -> tera::Value {
        self.get_or(
            id,
            self.lasting,
            |c| {
                c.items
                    .iter()
                    .find(|(l, _)| l == lang)
                    .map(|(_, v)| v.clone())
            },
            make,
            |c, v| c.items.push((lang.to_owned(), v)),
        )
    }

    /// Advisory `id`'s entry in the JSON index, serialized.
    pub fn index_entry(&self, id: &str, make: impl FnOnce() -> String) -> Arc<str> {
        self.get_or(
            id,
            self.lasting,
            |c| c.index.clone(),
            || Arc::from(make()),
            |c, v| c.index = Some(v),
        )
    }

    /// Advisory `id`'s feed entry `slot` in `lang`, as Atom.
    pub fn feed_entry(
        &self,
        id: &str,
        lang: &str,
        slot: u32,
        make: impl FnOnce() -> String,
    ) -> Arc<str> {
        self.get_or(
            id,
            self.lasting,
            |c| {
                c.feed
                    .iter()
                    .find(|(l, s, _)| l == lang && *s == slot)
                    .map(|(_, _, x)| x.clone())
            },
            || Arc::from(make()),
            |c, v| c.feed.push((lang.to_owned(), slot, v)),
        )
    }
}

impl std::fmt::Debug for Fragments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = self.by_id.read().map_or(0, |m| m.len());
        f.debug_struct("Fragments")
            .field("advisories", &held)
            .field("lasting", &self.lasting)
            .finish()
    }
}

/// The fragments a render uses: its own, or watch mode's lasting ones.
pub enum Held<'a> {
    Own(Fragments),
    Lent(&'a Fragments),
}

impl std::ops::Deref for Held<'_> {
    type Target = Fragments;

    fn deref(&self) -> &Fragments {
        match self {
            Held::Own(f) => f,
            Held::Lent(f) => f,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_is_made_once_until_forgotten() {
        let f = Fragments::lasting();
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            format!("entry {}", made.get())
        };
        assert_eq!(&*f.index_entry("a", make), "entry 1");
        assert_eq!(&*f.index_entry("a", make), "entry 1");
        assert_eq!(&*f.feed_entry("a", "ar", 0, make), "entry 2");
        assert_eq!(&*f.feed_entry("a", "en", 0, make), "entry 3");
        assert_eq!(&*f.feed_entry("a", "ar", 0, make), "entry 2");
        f.forget("a");
        assert_eq!(&*f.index_entry("a", make), "entry 4");
        f.clear();
        assert_eq!(&*f.feed_entry("a", "ar", 0, make), "entry 5");
    }

    /// A body's HTML is made once for its page and feeds, then dropped.
    #[test]
    fn a_body_is_made_once_until_its_advisory_is_done() {
        for f in [Fragments::default(), Fragments::lasting()] {
            let made = std::cell::Cell::new(0);
            let make = || {
                made.set(made.get() + 1);
                format!("<p>{}</p>", made.get())
            };
            assert_eq!(&*f.body("a", "ar", make), "<p>1</p>");
            assert_eq!(&*f.body("a", "ar", make), "<p>1</p>");
            assert_eq!(&*f.body("b", "ar", make), "<p>2</p>");
            f.drop_bodies(Some("a"));
            assert_eq!(&*f.body("a", "ar", make), "<p>3</p>");
            assert_eq!(&*f.body("b", "ar", make), "<p>2</p>");
            f.drop_bodies(None);
            assert_eq!(&*f.body("b", "ar", make), "<p>4</p>");
        }
    }

    #[test]
    fn within_one_build_nothing_is_kept() {
        let f = Fragments::default();
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            made.get().to_string()
        };
        f.index_entry("a", make);
        f.index_entry("a", make);
        assert_eq!(made.get(), 2);
        f.item("a", "ar", || tera::Value::from("one"));
        let again = f.item("a", "ar", || tera::Value::from("two"));
        assert_eq!(again.as_str(), Some("two"));
        // In watch mode the item is made once.
        let lasting = Fragments::lasting();
        lasting.item("a", "ar", || tera::Value::from("one"));
        let again = lasting.item("a", "ar", || panic!("made twice"));
        assert_eq!(again.as_str(), Some("one"));
    }
}

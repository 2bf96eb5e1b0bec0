//! `notice.from` and `notice.reply_to`: a mailbox written as a person writes one,
//! `security@acme.example` or `Acme Security <security@acme.example>`. A check of
//! text, beside the address checks it uses (`spoof`): site.yaml reads it and
//! notices write it, so it belongs to neither.

/// A mailbox as a `From` or `Reply-To` header names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The display name (`Acme Security`); `None` takes the organisation's name.
    pub name: Option<String>,
    pub email: String,
}

/// Reads a mailbox; the error says what is wrong in a way the author can fix.
pub fn parse_mailbox(raw: &str) -> Result<Mailbox, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(
            "is blank; write an address (`security@acme.example`) or a name and an address (`Acme Security <security@acme.example>`)"
                .to_owned(),
        );
    }
    let found = crate::spoof::first_hidden(s)
        .or_else(|| s.char_indices().find(|&(_, c)| c.is_control()))
        .or_else(|| crate::spoof::first_control(s));
    if let Some((_, c)) = found {
        return Err(format!(
            "`{s}` contains {}, which would make the sender read as someone else",
            crate::spoof::describe(c)
        ));
    }
    let (name, email) = match s.find('<') {
        None => (None, s),
        Some(open) => {
            let Some(inner) = s[open + 1..].strip_suffix('>') else {
                return Err(format!(
                    "`{s}`: the address opened with `<` must end the value with `>`, as in `Acme Security <security@acme.example>`"
                ));
            };
            let name = s[..open].trim().trim_matches('"').trim();
            if name.contains(['"', '<', '>']) {
                return Err(format!(
                    "`{s}`: the name before `<` may not hold `\"`, `<` or `>`"
                ));
            }
            ((!name.is_empty()).then(|| name.to_owned()), inner.trim())
        }
    };
    crate::spoof::check_email(email).map_err(|why| format!("`{email}` {why}"))?;
    // A display name that is itself an address could show another sender.
    if let Some(n) = &name
        && n.contains('@')
        && !n.eq_ignore_ascii_case(email)
    {
        return Err(format!(
            "`{s}`: the name `{n}` reads as an address other than `{email}`; write the organisation's name there"
        ));
    }
    Ok(Mailbox {
        name,
        email: email.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes_are_an_address_or_a_name_and_an_address() {
        assert_eq!(
            parse_mailbox(" security@acme.example "),
            Ok(Mailbox {
                name: None,
                email: "security@acme.example".into()
            })
        );
        assert_eq!(
            parse_mailbox("\"Acme Security\" <security@acme.example>"),
            Ok(Mailbox {
                name: Some("Acme Security".into()),
                email: "security@acme.example".into()
            })
        );
        assert_eq!(
            parse_mailbox("أكمي <security@acme.example>").unwrap().name,
            Some("أكمي".into())
        );
    }

    #[test]
    fn bad_mailboxes_say_why() {
        for (bad, says) in [
            ("", "blank"),
            ("Acme <security@acme.example", "must end"),
            ("Acme security@acme.example", "not an email"),
            ("Acme <a@b@acme.example>", "more than one"),
            ("Acme\u{202E} <security@acme.example>", "U+202E"),
            ("bank@bank.example <x@evil.example>", "reads as an address"),
            ("Acme <security@acme.example>\r\nBcc: x@y.example", "U+000D"),
        ] {
            let e = parse_mailbox(bad).unwrap_err();
            assert!(e.contains(says), "{bad:?}: {e}");
        }
    }
}

//! One RFC 5322 message: multipart/alternative, the plain text first and the
//! HTML second (a reader shows the last part it can), both UTF-8, built with
//! `mail-builder`, which encodes headers (RFC 2047) and bodies for us.
//!
//! Nothing in a message depends on the machine or the moment beyond the build's
//! record: the Date is the advisory's last update, the Message-ID comes from the
//! advisory, its last update, the languages and the site's host, and the MIME
//! boundary from the Message-ID, so the same input writes the same bytes.

use mail_builder::MessageBuilder;
use mail_builder::headers::HeaderType;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::text::Text;
use mail_builder::mime::MimePart;

use bayan_text::error::Error;
use bayan_text::mailbox::Mailbox;

/// Everything one message holds.
pub(super) struct Message<'a> {
    pub(super) from: (&'a str, &'a str),
    pub(super) reply_to: Option<(Option<&'a str>, &'a str)>,
    pub(super) subject: &'a str,
    /// Seconds since the epoch.
    pub(super) date: i64,
    /// Without the angle brackets.
    pub(super) message_id: &'a str,
    /// `ar` or `ar, en`.
    pub(super) languages: &'a str,
    pub(super) text: &'a str,
    pub(super) html: &'a str,
}

/// `<ID.YYYYMMDDTHHMMSSZ.LANGS.notice@HOST>` without its brackets: the same for
/// the same advisory, update and languages, new when the advisory changes.
pub(super) fn message_id(
    id: &str,
    last_updated: jiff::Timestamp,
    langs: &str,
    host: &str,
) -> String {
    format!(
        "{id}.{}.{langs}.notice@{host}",
        last_updated.strftime("%Y%m%dT%H%M%SZ")
    )
}

pub(super) fn write(m: &Message) -> Result<Vec<u8>, Error> {
    let hash = blake3::hash(m.message_id.as_bytes()).to_hex();
    // `=_` never occurs in quoted-printable or base64 text, so the boundary
    // cannot collide with a body, whichever encoding mail-builder picks.
    let boundary = format!("=_bayan_{}", &hash[..32]);
    let alternative = MimePart::new(
        ContentType::new("multipart/alternative").attribute("boundary", boundary),
        vec![
            MimePart::new(
                ContentType::new("text/plain").attribute("charset", "utf-8"),
                m.text,
            ),
            MimePart::new(
                ContentType::new("text/html").attribute("charset", "utf-8"),
                m.html,
            ),
        ],
    );
    let mut b = MessageBuilder::new()
        .from(Address::new_address(Some(m.from.0), m.from.1))
        // An empty group, the form RFC 5322 gives for a message whose
        // recipients are all in Bcc or added by the sending tool.
        .header("To", Raw::new("undisclosed-recipients:;"))
        .header("Subject", subject(m.subject))
        .date(Date::new(m.date))
        .message_id(MessageId::new(m.message_id))
        .header("Content-Language", Text::new(m.languages));
    if let Some((name, email)) = m.reply_to {
        b = b.reply_to(Address::new_address(name, email));
    }
    b.body(alternative)
        .write_to_vec()
        .map_err(|e| Error::Internal(format!("cannot write a message into memory: {e}")))
}

/// The Subject header. A text holding `=?` is written as encoded words itself
/// (RFC 2047, base64 of UTF-8): written plainly, a mail client would decode an
/// encoded word typed into a title (`=?utf-8?b?…?=`) into another text, one
/// the advisory's checks never saw. Any other text is encoded as mail-builder
/// chooses, so the subject always decodes to exactly the title as written.
fn subject(s: &str) -> HeaderType<'_> {
    use base64::Engine as _;
    if !s.contains("=?") {
        return HeaderType::Text(Text::new(s));
    }
    // 45 bytes make 60 base64 characters: 72 with `=?utf-8?B?` and `?=`,
    // within the 75 an encoded word may take. Words are split between
    // characters, never inside one.
    let mut words = Vec::new();
    let mut start = 0;
    while start < s.len() {
        let mut end = (start + 45).min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let b64 = base64::engine::general_purpose::STANDARD.encode(&s.as_bytes()[start..end]);
        words.push(format!("=?utf-8?B?{b64}?="));
        start = end;
    }
    HeaderType::Raw(Raw::new(words.join("\r\n ")))
}

/// The display name of `from`: its own, else the organisation's.
pub(super) fn sender_name<'a>(from: &'a Mailbox, org: &'a str) -> &'a str {
    from.name.as_deref().unwrap_or(org)
}

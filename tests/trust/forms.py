"""Find the forms of a rendered page: their action and fields (with the options of select,
radio and checkbox fields), for the bad-input sweep."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type, "select" or "textarea"
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url, self.forms, self.form, self.select = page_url, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.form = Form(action=attrs.get("action") or self.page_url)
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            known = self.form.fields.setdefault(name, Field(name, kind))
            if kind in {"radio", "checkbox", "hidden"}:
                known.options.append(attrs.get("value", "on"))
        elif tag in {"select", "textarea"} and name:
            self.select = self.form.fields.setdefault(name, Field(name, tag))
        elif tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def forms_on(html: str, page_url: str) -> list[Form]:
    parser = _Parser(page_url)
    parser.feed(html)
    return parser.forms

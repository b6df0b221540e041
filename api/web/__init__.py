"""The reviewers' web page: server-rendered Jinja2 templates plus light JavaScript.

`routes.router` serves the HTML pages; the scripts and styles in `static/` are
mounted at /static by `api.app.create_app` and call the JSON API with the bearer
token kept in sessionStorage.
"""

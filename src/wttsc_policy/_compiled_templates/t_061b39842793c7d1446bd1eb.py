# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'changes.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_file = resolve('file')
    l_0_body = resolve('body')
    pass
    yield '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Change notes: '
    yield escape((undefined(name='file') if l_0_file is missing else l_0_file))
    yield '</title>\n<style>\n  body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: #1d1d1b; max-width: 70rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; }\n  h1 { font-size: 1.7rem; border-bottom: 4px solid #1d70b8; padding-bottom: .4rem; }\n  h2 { font-size: 1.35rem; margin-top: 2.2rem; color: #0b0c0c; border-bottom: 1px solid #b1b4b6; padding-bottom: .2rem; }\n  h3 { font-size: 1.1rem; margin-top: 1.6rem; }\n  table { border-collapse: collapse; width: 100%; margin: .8rem 0 1.2rem; font-size: .92rem; }\n  th, td { border: 1px solid #b1b4b6; padding: .35rem .5rem; vertical-align: top; text-align: left; }\n  th { background: #f3f2f1; }\n  tr:nth-child(even) td { background: #fafafa; }\n  code { background: #f3f2f1; padding: 0 .2rem; }\n  li { margin-bottom: .35rem; }\n  @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }\n</style>\n</head>\n<body>\n'
    yield escape((undefined(name='body') if l_0_body is missing else l_0_body))
    yield '\n</body>\n</html>\n'

blocks = {}
debug_info = '7=14&23=16'

# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/online_harm.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Harm can happen online as well as offline, and a concern about online harm is treated like any other safeguarding concern. This covers the risks children face from online content, contact, conduct and commerce, including abuse, exploitation, bullying and harmful material.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "If I am worried that a child is being harmed online, I respond as I would to any other concern and, where needed, involve the parents, children's social care or the police.\n"
    else:
        pass
        yield 'Staff report any concern about online harm to the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ", who responds as to any other concern and, where needed, involves parents, children's social care or the police. Filtering and monitoring support this work but do not replace staff vigilance.\n"

blocks = {}
debug_info = '3=14&6=20'

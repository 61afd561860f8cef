# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/section17.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_council = resolve('council')
    l_0_setting = resolve('setting')
    l_0_headteacher_title = resolve('headteacher_title')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Working Together to Safeguard Children allows help for a child in need under section 17 of the Children Act 1989 to be led by a practitioner other than a social worker, where the arrangements agreed by '
    yield str((undefined(name='council') if l_0_council is missing else l_0_council))
    yield ' and its partners provide for it. The local authority remains responsible for children in need: it assesses their needs and decides what help to provide.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'If I am asked to lead the help for a child in need, I first consider whether I have the time and skills to do it well, and I follow the local arrangements.\n'
    else:
        pass
        yield 'If we are asked to lead the help for a child in need, the '
        yield str((undefined(name='headteacher_title') if l_0_headteacher_title is missing else l_0_headteacher_title))
        yield ' and the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' first consider whether we have the capacity and skills to do it well, and we follow the local arrangements.\n'

blocks = {}
debug_info = '1=16&3=18&6=24'

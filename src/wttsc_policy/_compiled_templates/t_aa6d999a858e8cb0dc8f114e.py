# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/training.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_wttsc = resolve('wttsc')
    l_0_partnership = resolve('partnership')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I keep up to date with '
        yield str(environment.getattr((undefined(name='wttsc') if l_0_wttsc is missing else l_0_wttsc), 'title'))
        yield ', including the local arrangements of '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield ', and I make sure anyone who works with me knows what it means for how we work with other agencies and with families.\n'
    else:
        pass
        yield 'All staff receive a briefing on '
        yield str(environment.getattr((undefined(name='wttsc') if l_0_wttsc is missing else l_0_wttsc), 'title'))
        yield ' as part of their safeguarding training, covering how we work with other agencies and our local arrangements with '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield '.\n\nStaff who work closely with families are also trained on the principles for working with parents and carers, the multi-agency expectations and what staff do when a child may be suffering significant harm. The '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ', deputies and senior leaders know the guidance as a whole and keep up to date with changes to it.\n'

blocks = {}
debug_info = '1=15&2=18&4=25&6=29'

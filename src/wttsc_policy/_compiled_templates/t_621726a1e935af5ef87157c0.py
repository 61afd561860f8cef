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
    l_0_edition = resolve('edition')
    l_0_partnership_name = resolve('partnership_name')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'All staff receive a briefing on '
    yield str(environment.getattr((undefined(name='edition') if l_0_edition is missing else l_0_edition), 'title'))
    yield " as part of their safeguarding training, covering education's part in multi-agency working, what the current edition changed, and our local arrangements with "
    yield str((undefined(name='partnership_name') if l_0_partnership_name is missing else l_0_partnership_name))
    yield '.\n\nStaff who work closely with families are also trained on the expectations for working with parents and carers, the multi-agency expectations for all practitioners and what staff do when a child may be suffering significant harm. The '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ', deputies, senior leaders and the safeguarding governor are expected to know the guidance as a whole and to keep up to date with changes to it, including any revision of Working Together and the new edition of Keeping Children Safe in Education each year.'

blocks = {}
debug_info = '1=15&3=19'

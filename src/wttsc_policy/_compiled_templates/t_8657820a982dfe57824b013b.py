# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/harm_outside_home.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    l_0_partnership = resolve('partnership')
    pass
    yield 'Children can be harmed outside their home as well as within it. This is called extra-familial harm, and it can happen in peer groups, in the community, at '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'college'):
        pass
        yield 'college'
    else:
        pass
        yield 'school'
    yield ' and online. It includes criminal exploitation (such as county lines), sexual exploitation, serious violence, modern slavery, abuse in teenage relationships and radicalisation.\n\nStaff report any sign of harm outside the home to the '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield '. Every child affected, including a child who may have harmed others, gets a safeguarding response. We share what we know about places, groups and online spaces with partners through the arrangements of '
    yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
    yield '.'

blocks = {}
debug_info = '1=15&3=22'

# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/child_protection_definition.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "Child protection is the part of safeguarding that protects children who are suffering, or are likely to suffer, significant harm. That harm can happen inside or outside the home, including online, and it can come from adults or from other children. If I think a child may be suffering significant harm, I refer them to children's social care straight away; children's social care decides what must happen to protect the child, and I help by sharing what I know.\n"
    else:
        pass
        yield "Child protection is the part of safeguarding that protects children who are suffering, or are likely to suffer, significant harm. That harm can happen inside or outside the home, including online, and it can come from adults or from other children.\n\nStaff pass any concern about a child's safety to the "
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' without delay, wherever the harm is happening. The '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield " refers a child who may be suffering significant harm to children's social care, which decides what must happen to protect the child; we help by sharing what we know.\n"

blocks = {}
debug_info = '1=13&6=19'
